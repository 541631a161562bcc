package io.ringfence.rules;

import io.ringfence.TestCards;
import io.ringfence.TestRequests;
import io.ringfence.api.Action;
import io.ringfence.features.Feature;
import io.ringfence.features.FeatureVector;
import io.ringfence.ingress.KeyedHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What compiled rules decide: each operator, the precedence, Radar's action order, shadow rules and lists. */
class RuleSetTest {
    @TempDir
    Path directory;

    private RulesFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RulesFixture(directory);
    }

    /** Whether a one-rule file matches the default online purchase of 20.00 USD. */
    private boolean matchesOnline(final String condition) throws RulesException {
        return fixture.compile("Block if " + condition).decide(fixture.online(b -> b), Action.APPROVE) != null;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":amount: = 20 | true", ":amount: = 20.01 | false",
        ":amount: != 20 | false", ":amount: != 19.99 | true",
        ":amount: < 20 | false", ":amount: < 20.5 | true",
        ":amount: <= 20 | true", ":amount: <= 19.99 | false",
        ":amount: > 20 | false", ":amount: > 19 | true",
        ":amount: >= 20 | true", ":amount: >= 20.01 | false",
        "20 >= :amount: | true", "19 > :amount: | false",
        ":amount_minor: = 2000 | true",
        ":amount: > -1 | true",
        ":amount: = :amount: | true", ":amount: < :risk_score: | false",
        ":channel: = 'CNP' | true", ":channel: = 'cp' | false", ":channel: != 'CP' | true",
        ":currency: = 'USD' | true", ":currency: != 'usd' | false",
        ":entry_mode: = 'ecommerce' | true",
        ":mcc: = 5999 | true", ":mcc: = '5999' | true", ":mcc: in (5411, 5999) | true",
        ":merchant_id: = 'shop-1' | true", ":merchant_id: = 'shop-2' | false",
        ":email: = 'jane@example.com' | true", ":email: = 'JANE@example.com' | false",
        ":ip: = '203.0.113.7' | true", ":device_id: in ('device-1', 'device-2') | true",
        ":device_id: not in ('device-1') | false",
        ":bin: = 411111 | true", ":bin: = '401288' | false",
        ":ip_country: = :card_country: | true", ":ip_country: != :card_country: | false",
        ":card_country: in ('US', 'CA') | true", ":card_country: in ('GB') | false",
        ":new_device: | false", "not :new_device: | true", ":new_device: = false | true",
        ":new_device: = 0 | true", ":new_device: != true | true",
        ":hour: = 10 | true", ":risk_score: = 0 | true"})
    void eachOperatorComparesAsItSays(final String condition, final boolean matches) throws RulesException {
        assertEquals(matches, matchesOnline(condition), condition);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ":amount: > 100 or :amount: > 10 and :amount: > 50 | false",
        "(:amount: > 100 or :amount: > 10) and :amount: > 50 | false",
        ":amount: > 10 or :amount: > 100 and :amount: > 50 | true",
        "(:amount: > 10 or :amount: > 100) and :amount: > 50 | false",
        "not :amount: > 10 or :amount: > 5 | true",
        "not (:amount: > 10 or :amount: > 5) | false",
        "not not :amount: > 10 | true",
        ":amount: > 10 and not :amount: > 50 and :channel: = 'CNP' | true"})
    void notBindsTighterThanAndWhichBindsTighterThanOr(final String condition, final boolean matches)
        throws RulesException {
        assertEquals(matches, matchesOnline(condition), condition);
    }

    @Test
    void aComparisonWithAValueTheRequestLacksIsFalseWhateverTheOperator() throws RulesException {
        final RuleSet rules = fixture.compile("""
            [mismatch] Block if :ip_country: != :card_country:
            [not-gb] Review if :ip_country: != 'GB'
            [listed] Allow if :email: in ('jane@example.com')
            """);
        assertNull(rules.decide(fixture.inStore(b -> b), Action.APPROVE),
            "an in-store payment has no IP country nor e-mail");
        assertEquals("mismatch", rules.decide(fixture.online(b -> b.ipCountry("GB").email("joe@example.com")),
            Action.APPROVE).name());
    }

    @Test
    void actionsAreEvaluatedInRadarsOrderWhateverTheFileOrder() throws RulesException {
        final RuleSet rules = fixture.compile("""
            [review] Review if :amount: > 10
            [block] Block if :amount: > 10
            [allow] Allow if :amount: > 10 and :mcc: = 5999
            [three-ds] Request 3DS if :amount: > 10 and :channel: = 'CNP' and :email: = 'jane@example.com'
            """);
        assertEquals("three-ds", rules.decide(fixture.online(b -> b), Action.APPROVE).name());
        assertEquals("allow", rules.decide(fixture.online(b -> b.email("other@example.com")), Action.APPROVE).name());
        assertEquals("block", rules.decide(fixture.online(b -> b.email("other@example.com").mcc(5411)),
            Action.APPROVE).name());
        assertEquals("review", fixture.compile("[review] Review if :amount: > 10\n[block] Block if :amount: > 50")
            .decide(fixture.online(b -> b), Action.APPROVE).name());
    }

    @Test
    void withinOneActionTheFirstRuleInTheFileDecides() throws RulesException {
        final RuleSet rules = fixture.compile("[first] Block if :amount: > 10\n[second] Block if :amount: > 1");
        assertEquals("first", rules.decide(fixture.online(b -> b), Action.APPROVE).name());
        assertEquals(1, rules.rules().get(0).hits());
        assertEquals(0, rules.rules().get(1).hits(), "a rule after the deciding one is not evaluated");
    }

    @Test
    void request3dsAndReviewRulesAreSkippedWhenTheScoreAlreadyDoesMore() throws RulesException {
        final RuleSet rules = fixture.compile("[3ds] Request 3DS if :amount: > 1\n[review] Review if :amount: > 1\n"
            + "[allow] Allow if :amount: > 100");
        assertEquals("3ds", rules.decide(fixture.online(b -> b), Action.REVIEW).name());
        assertEquals("review", rules.decide(fixture.inStore(b -> b), Action.APPROVE).name());
        assertNull(rules.decide(fixture.online(b -> b), Action.DECLINE));
        assertNull(rules.decide(fixture.online(b -> b), Action.CHALLENGE));
        assertEquals("allow", rules.decide(fixture.online(b -> b.amountMinor(50_000)), Action.DECLINE).name(),
            "a rule that cannot decide does not stop a later one that can");
        assertEquals(1, rules.rules().get(0).hits(), "a rule hits only the payments it decides");
    }

    @Test
    void requestThreeDsNeverAppliesInStore() throws RulesException {
        final RuleSet rules = fixture.compile("[3ds] Request 3DS if :amount: > 1\n[review] Review if :amount: > 1");
        assertEquals("review", rules.decide(fixture.inStore(b -> b), Action.APPROVE).name());
        assertEquals("3ds", rules.decide(fixture.online(b -> b), Action.APPROVE).name());
    }

    @Test
    void shadowRulesAreCountedButNeverDecide() throws RulesException {
        final RuleSet rules = fixture.compile("""
            [night] shadow Block if :amount: > 1
            [also] shadow Allow if :amount: > 1
            [review] Review if :amount: > 100
            """);
        assertNull(rules.decide(fixture.online(b -> b), Action.APPROVE));
        assertNull(rules.decide(fixture.online(b -> b), Action.APPROVE));
        assertEquals("review", rules.decide(fixture.online(b -> b.amountMinor(50_000)), Action.APPROVE).name());
        assertEquals(Map.of("rules.shadow.night", 3L, "rules.shadow.also", 3L, "rules.hits.review", 1L),
            rules.hitCounters());
    }

    @Test
    void listItemsMatchByTheEnginesKeyedHashOfTheValue() throws RulesException {
        fixture.write("emails.txt", "mallory@example.com\neve@example.net\n");
        final RuleSet rules = fixture.compile("""
            list @watched from 'emails.txt'
            [watched] Review if :email: in @watched
            """);
        assertEquals("watched", rules.decide(fixture.online(b -> b.email("eve@example.net")), Action.APPROVE).name());
        assertNull(rules.decide(fixture.online(b -> b.email("eve@example.org")), Action.APPROVE));

        final RuleSet underAnotherKey = new RulesCompiler(new KeyedHash(1L, 2L))
            .compile(directory.resolve("test.rules"));
        assertNull(underAnotherKey.decide(fixture.online(b -> b.email("eve@example.net")), Action.APPROVE),
            "an item hashed under another key must not match: the key is what makes the hashes irreversible");
    }

    @Test
    void listsChangeLiveWithoutRecompiling() throws RulesException {
        final RuleSet rules = fixture.compile("list @merchants = []\n[m] Block if :merchant_id: in @merchants");
        final RuleList merchants = rules.list("merchants");
        assertNull(rules.decide(fixture.online(b -> b), Action.APPROVE));
        assertTrue(merchants.add(ValueKind.MERCHANT.encode("shop-1", null)));
        assertFalse(merchants.add(ValueKind.MERCHANT.encode("shop-1", null)));
        assertEquals("m", rules.decide(fixture.online(b -> b), Action.APPROVE).name());
        assertTrue(merchants.remove(ValueKind.MERCHANT.encode("shop-1", null)));
        assertNull(rules.decide(fixture.online(b -> b), Action.APPROVE));
    }

    @Test
    void cardsAreListedByFingerprintAndTerminalsWithinTheirMerchant() throws RulesException {
        final RuleSet rules = fixture.compile("list @cards = ['" + fixture.fingerprintHex(TestCards.VISA) + "']\n"
            + "[card] Block if :card_fingerprint: in @cards\n"
            + "[till] Review if :terminal_id: = 'store-1/till-1'\n");
        assertEquals("card", rules.decide(fixture.online(b -> b), Action.APPROVE).name());
        assertNull(rules.decide(fixture.input(TestRequests.cardNotPresent(TestCards.VISA_2, TestRequests.T0)
            .build(), new FeatureVector(), 0), Action.APPROVE));
        assertEquals("till", rules.decide(fixture.input(TestRequests.cardPresent(TestCards.VISA_2, TestRequests.T0)
            .build(), new FeatureVector(), 0), Action.APPROVE).name());
    }

    @Test
    void featuresAndTheRiskScoreAreAttributes() throws RulesException {
        final RuleSet rules = fixture.compile(
            "[fast] Block if :cnp_count_1h: >= 5 and :new_device: and :risk_score: > 300"
                + " and :entry_mode: = 'ecommerce'");
        final FeatureVector features = new FeatureVector();
        features.set(Feature.CNP_COUNT_1H, 5);
        features.set(Feature.NEW_DEVICE, 1);
        final var request = TestRequests.cardNotPresent(TestCards.VISA, TestRequests.T0).build();
        final Rule fast = rules.rules().get(0);
        assertSame(fast, rules.decide(fixture.input(request, features, 301), Action.APPROVE));
        assertNull(rules.decide(fixture.input(request, features, 300), Action.APPROVE));
        features.set(Feature.NEW_DEVICE, 0);
        assertNull(rules.decide(fixture.input(request, features, 900), Action.APPROVE));
    }

    @Test
    void theHourIsTheEventsHourInUtc() throws RulesException {
        final RuleSet rules = fixture.compile("[night] Block if :hour: < 5");
        assertNull(rules.decide(fixture.online(b -> b), Action.APPROVE), "10:00 UTC");
        assertEquals("night", rules.decide(fixture.online(b -> b.transmissionTimeMillis(TestRequests.T0
            - 6 * TestRequests.HOUR)), Action.APPROVE).name());
    }
}
