package io.ringfence.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grammar: good files compile to what they say, and every bad one is refused with its line and column. */
class RulesCompilerTest {
    static final String ISSUE_EXAMPLE = """
        # What an analyst writes first
        list @watched_emails = ['mallory@example.com', 'eve@example.net']
        list @test_bins from 'test-bins.txt'
        [big-foreign-online] Block if :channel: = 'CNP' and :ip_country: != :card_country: and :amount: > 300
        [watched-email] Review if :email: in @watched_emails
        [new-device-3ds] Request 3DS if :channel: = 'CNP' and :new_device: and :risk_score: > 300
        [our-test-cards] Allow if :bin: in @test_bins
        [shadow-night] shadow Block if :hour: < 5 and :amount: > 500
        """;

    @TempDir
    Path directory;

    private RulesFixture fixture;

    private RulesFixture fixture() {
        if (fixture == null) {
            fixture = new RulesFixture(directory);
        }
        return fixture;
    }

    @Test
    void theIssuesExampleCompilesWithItsNamesActionsAndLists() throws RulesException {
        fixture().write("test-bins.txt", "# our test ranges\n411111\n\n  401288\n");
        final RuleSet rules = fixture().compile(ISSUE_EXAMPLE);

        assertEquals(List.of("big-foreign-online", "watched-email", "new-device-3ds", "our-test-cards", "shadow-night"),
            rules.rules().stream().map(Rule::name).toList());
        assertEquals(List.of(RuleAction.BLOCK, RuleAction.REVIEW, RuleAction.REQUEST_3DS, RuleAction.ALLOW,
            RuleAction.BLOCK), rules.rules().stream().map(Rule::action).toList());
        assertEquals(List.of(false, false, false, false, true), rules.rules().stream().map(Rule::shadow).toList());
        assertEquals(List.of(4, 5, 6, 7, 8), rules.rules().stream().map(Rule::line).toList());
        assertEquals(2, rules.list("@watched_emails").size());
        assertEquals(ValueKind.IDENTIFIER, rules.list("watched_emails").kind());
        assertEquals(2, rules.list("test_bins").size());
        assertEquals(ValueKind.BIN, rules.list("test_bins").kind());
        assertEquals(directory.resolve("test.rules").toAbsolutePath().toString(), rules.path());
    }

    @Test
    void anUnnamedRuleGetsAnIdFromItsTextThatSpacingAndCommentsDoNotChange() throws RulesException {
        final String id = fixture().compile("Block if :amount: > 300\n").rules().get(0).name();
        assertTrue(id.matches("rule-[0-9a-f]{8}"), id);
        assertEquals(id, fixture().compile("# blocks\n  Block   if :amount:>300   # large\n").rules().get(0).name());
        assertNotEquals(id, fixture().compile("Block if :amount: > 301\n").rules().get(0).name());
    }

    @Test
    void twoUnnamedRulesWithTheSameTextGetDistinctIds() throws RulesException {
        final List<Rule> rules = fixture().compile("Block if :amount: > 300\nBlock if :amount: > 300\n").rules();
        assertNotEquals(rules.get(0).name(), rules.get(1).name());
    }

    @Test
    void keywordsAreCaseInsensitiveAndAnEmptyFileHasNoRules() throws RulesException {
        assertEquals(RuleAction.REQUEST_3DS,
            fixture().compile("request 3ds IF :amount: > 1 AND NOT :new_card:").rules().get(0).action());
        assertTrue(fixture().compile("# nothing yet\n\n").rules().isEmpty());
    }

    @Test
    void theFileIsIdentifiedByTheSha256OfItsBytes() throws RulesException {
        final byte[] a = fixture().compile("Block if :amount: > 300").sha256();
        final byte[] b = fixture().compile("Block if :amount: > 300 ").sha256();
        assertEquals(32, a.length);
        assertFalse(Arrays.equals(a, b));
        assertEquals(List.of(), RuleSet.NONE.rules());
        assertNull(RuleSet.NONE.path());
    }

    @Test
    void aListNoRuleTestsKeepsNoItems() throws RulesException {
        final RuleSet rules = fixture().compile("list @later = ['a', 'b']\n");
        assertNull(rules.list("later").kind());
        assertEquals(0, rules.list("later").size());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
            Arguments.of("Block :amount: > 1", "test.rules:1:7: expected 'if' after Block"),
            Arguments.of("Deny if :amount: > 1",
                "test.rules:1:1: expected an action: Block, Review, Request 3DS or Allow"),
            Arguments.of("Request if :amount: > 1", "test.rules:1:9: expected '3DS' after 'Request'"),
            Arguments.of("\n\nBlock if :amount > 1",
                "test.rules:3:10: attribute not closed with ':': write it as :name:"),
            Arguments.of("Block if :amout: > 1", "test.rules:1:10: unknown attribute :amout:"),
            Arguments.of("Block if :email: = 'x", "test.rules:1:20: string not closed with '"),
            Arguments.of("Block if :amount: ! 1", "test.rules:1:19: unexpected '!': 'not equal' is written '!='"),
            Arguments.of("Block if :amount: > 1 $", "test.rules:1:23: unexpected character '$'"),
            Arguments.of("Block if :amount: >", "test.rules:1:20: the condition ends too soon"),
            Arguments.of("Block if (:amount: > 1", "test.rules:1:23: expected ')'"),
            Arguments.of("Block if :amount: > 1 :mcc: = 1", "test.rules:1:23: unexpected :mcc: (one rule per line;"
                + " join conditions with and/or)"),
            Arguments.of("Block if :amount: > 'big'", "test.rules:1:21: :amount: is a number: compare it with a number,"
                + " not 'big'"),
            Arguments.of("Block if :email: > 'a'", "test.rules:1:18: '>' compares numbers; :email: takes = != or in"),
            Arguments.of("Block if :amount: = :email:", "test.rules:1:19: :amount: (a number) and :email: (a text"
                + " value) cannot be compared"),
            Arguments.of("Block if 1 = 2",
                "test.rules:1:10: a comparison needs an attribute like :amount: on one side"),
            Arguments.of("Block if :email:", "test.rules:1:10: :email: is not true or false on its own: compare it with"
                + " = != or in"),
            Arguments.of("Block if 'x'", "test.rules:1:13: expected a comparison after 'x'"),
            Arguments.of("Block if :card_country: = 'USA'", "test.rules:1:27: 'USA' is not an ISO 3166 alpha-2 country"
                + " code like 'US'"),
            Arguments.of("Block if :channel: in ('CP', 'ATM')",
                "test.rules:1:30: 'ATM' is not a channel, 'CP' or 'CNP'"),
            Arguments.of("Block if :email: in @nobody", "test.rules:1:21: unknown list @nobody (declare it on a line"
                + " before the rules that use it)"),
            Arguments.of("Block if :amount: in (1, 2)", "test.rules:1:22: 'in' tests text values and codes; :amount: is"
                + " a number"),
            Arguments.of("list @a = ['x']\nBlock if :email: in @a\nBlock if :merchant_id: in @a",
                "test.rules:3:27: list @a holds a text value (line 2) but :merchant_id: is a merchant id"),
            Arguments.of("list @a = ['x']\nlist @a = ['y']",
                "test.rules:2:6: list @a is declared twice (first on line 1)"),
            Arguments.of("list @a = ['x' 'y']", "test.rules:1:16: expected ',' or ']' after a list item"),
            Arguments.of("list a = ['x']", "test.rules:1:6: expected a list name like @blocked_emails after 'list'"),
            Arguments.of("list @a ['x']", "test.rules:1:9: expected '=' or 'from' after the list name"),
            Arguments.of("list @a = [:email:]", "test.rules:1:12: expected a list item, a 'string' or a number"),
            Arguments.of("list @c = ['US', 'XYZ']\nBlock if :ip_country: in @c",
                "test.rules:1:18: 'XYZ' is not an ISO 3166 alpha-2 country code like 'US'"),
            Arguments.of("[a] Block if :amount: > 1\n[a] Review if :amount: > 1",
                "test.rules:2:1: rule name [a] is already used on line 1"),
            Arguments.of("[big one] Block if :amount: > 1",
                "test.rules:1:2: a rule name holds letters, digits, '-', '_' and '.' only: [big one]"),
            Arguments.of("[big Block if :amount: > 1", "test.rules:1:1: rule name not closed with ']'"),
            Arguments.of("Block if :bin: = 4111", "test.rules:1:18: '4111' is not a six-digit BIN"),
            Arguments.of("Block if :mcc: = true", "test.rules:1:18: :mcc: takes a merchant category code, 0 to 9999,"
                + " not 'true'"),
            Arguments.of("Block if :amount: > 1.", "test.rules:1:22: unexpected character '.'"),
            Arguments.of("Block if :amount: > -1x", "test.rules:1:21: '-1x' is not a number"),
            Arguments.of("Block if :terminal_id: = 'T1'", "test.rules:1:26: 'T1' is not a terminal as"
                + " 'MERCHANT/TERMINAL'"),
            Arguments.of("Block if :card_fingerprint: = '4111111111111111'", "test.rules:1:31: a card is listed by its"
                + " fingerprint, 32 hex digits"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithItsLineAndColumn(final String text, final String expected) {
        assertEquals(expected, fixture().error(text));
    }

    @Test
    void aCardNumberQuotedByAnErrorIsMasked() {
        final String message = fixture().error("Block if :email: = 4111111111111111");
        assertFalse(message.contains("4111111111111111"), message);
        assertTrue(message.startsWith("test.rules:1:20: :email: takes a text value, not '"), message);
    }

    @Test
    void aBadItemInAListFileIsReportedAtItsPlaceInThatFile() {
        fixture().write("bins.txt", "411111\n# a comment\n  4012\n");
        assertEquals("bins.txt:3:3: '4012' is not a six-digit BIN",
            fixture().error("list @bins from 'bins.txt'\nAllow if :bin: in @bins"));
    }

    @Test
    void aMissingListFileIsReportedWhereTheRulesFileNamesIt() {
        final String message = fixture().error("\nlist @bins from 'absent.txt'");
        assertTrue(message.startsWith("test.rules:2:17: no such file: "), message);
    }

    @Test
    void aFileThatIsNotUtf8OrNotThereIsRefusedWithAPosition() throws Exception {
        final Path latin1 = directory.resolve("latin1.rules");
        Files.write(latin1, "Block if :email: = 'caf\u00e9'".getBytes(StandardCharsets.ISO_8859_1));
        final RulesException notUtf8 = assertThrows(RulesException.class, () -> fixture().compiler.compile(latin1));
        assertEquals(latin1 + ":1:1: not UTF-8 text", notUtf8.getMessage());

        final Path absent = directory.resolve("absent.rules");
        final RulesException missing = assertThrows(RulesException.class, () -> fixture().compiler.compile(absent));
        assertEquals(1, missing.line());
        assertEquals(1, missing.column());
        assertTrue(missing.problem().startsWith("no such file"), missing.problem());
    }
}
