package io.ringfence.ingress;

import io.ringfence.EngineConfig;
import io.ringfence.InvalidRequests;
import io.ringfence.TestCards;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardNumbers;
import io.ringfence.api.CardRef;
import io.ringfence.api.Fingerprint;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.Rejection;
import io.ringfence.hashing.StableHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngressTest {
    private static final byte[] KEY = "ingress-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "another-installation-secret-of-32+".getBytes(StandardCharsets.US_ASCII);

    private final Ingress ingress = new Ingress(new CardFingerprinter(KEY), EngineConfig.MAX_AMOUNT_MINOR_DEFAULT,
        () -> {
            throw new AssertionError("ingress read its clock for a request that carried a time");
        });

    static List<InvalidRequests.Case> invalidRequests() {
        return InvalidRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void everyValidationFailureIsMarkedWithItsRejection(final InvalidRequests.Case c) {
        final EngineEvent event = decode(c.request());

        assertEquals(Rejection.valueOf(c.rejection()), event.rejection);
        assertEquals(c.code(), event.rejection.responseCode());
        assertEquals(c.reason(), event.rejection.reason());
    }

    @Test
    void validRequestsPassWithEveryFieldDecoded() {
        final EngineEvent cp = decode(cardPresent(TestCards.VISA, T0).build());
        assertNull(cp.rejection);
        assertEquals(411111, cp.bin);
        assertEquals(1111, cp.lastFour);
        assertEquals(2_000, cp.amountMinor);
        assertEquals(840, cp.currencyNumeric);
        assertEquals(2, cp.currencyExponent);
        assertEquals(T0, cp.eventTimeMillis);
        assertEquals(CountryCodes.pack("US"), cp.merchantCountry);
        assertEquals(StableHash.of("store-1"), cp.merchantKey);
        assertEquals(StableHash.of("store-1", "till-1"), cp.terminalKey);
        assertEquals(5411, cp.mcc);

        final EngineEvent cnp = decode(cardNotPresent(TestCards.MASTERCARD, T0).currency("JPY").build());
        assertNull(cnp.rejection);
        assertEquals(550000, cnp.bin);
        assertEquals(5559, cnp.lastFour);
        assertEquals(0, cnp.currencyExponent);
        assertEquals(new CardFingerprinter(KEY).identifierHash().of("device-1"), cnp.deviceKey,
            "identifiers are hashed under the installation's key");
        assertNotEquals(StableHash.of("device-1"), cnp.deviceKey, "not with a hash anyone can compute");
        assertNotEquals(new CardFingerprinter(OTHER_KEY).identifierHash().of("device-1"), cnp.deviceKey);
        assertEquals(EngineEvent.NO_KEY, cnp.terminalKey);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipAddress", "ipCountry", "deviceId", "email", "billingCountry"})
    void oneCardNotPresentSignalIsEnough(final String kept) {
        final AuthorizationRequest.Builder b = cardNotPresent(TestCards.VISA, T0)
            .ipAddress(null).ipCountry(null).deviceId(null).email(null).billingCountry(null);
        switch (kept) {
            case "ipAddress" -> b.ipAddress("198.51.100.1");
            case "ipCountry" -> b.ipCountry("US");
            case "deviceId" -> b.deviceId("d");
            case "email" -> b.email("a@example.com");
            default -> b.billingCountry("US");
        }
        assertNull(decode(b.build()).rejection);
    }

    @Test
    void aCardIsValidThroughTheEndOfItsExpiryMonth() {
        assertNull(decode(cardPresent(TestCards.VISA, T0).expiry("0324").build()).rejection);
        assertNull(decode(cardPresent(TestCards.VISA, T0).expiry(null).build()).rejection);
        final long firstOfApril = 1_711_929_600_000L;
        assertNull(decode(cardPresent(TestCards.VISA, firstOfApril - 1).expiry("0324").build()).rejection);
        assertEquals(Rejection.CARD_EXPIRED, decode(cardPresent(TestCards.VISA, firstOfApril).expiry("0324").build())
            .rejection);
    }

    @Test
    void theCardIsJudgedFirstThenTheTransactionInOrder() {
        assertEquals(Rejection.MISSING_PAN, decode(cardPresent(null, T0).amountMinor(-1).build()).rejection);
        assertEquals(Rejection.AMOUNT_NEGATIVE,
            decode(cardPresent(TestCards.VISA, T0).amountMinor(-1).currency("ZZZ").build()).rejection);
        assertEquals(Rejection.MISSING_CHANNEL,
            decode(cardPresent(TestCards.VISA, T0).channel(null).merchantId(null).build()).rejection);
    }

    @Test
    void aRejectedRequestStillCarriesWhatCouldBeRead() {
        final EngineEvent event = decode(cardPresent(TestCards.VISA, T0).amountMinor(-1).build());
        assertEquals(Rejection.AMOUNT_NEGATIVE, event.rejection);
        assertEquals(ingress.fingerprintOf(TestCards.VISA), new Fingerprint(event.fingerprintHigh, event.fingerprintLow));

        final EngineEvent badCard = decode(cardPresent(TestCards.withBadCheckDigit(TestCards.VISA), T0).build());
        assertTrue(new Fingerprint(badCard.fingerprintHigh, badCard.fingerprintLow).isNone());
        assertEquals(0, badCard.bin);
    }

    @Test
    void theSameCardHasTheSameFingerprintInStoreAndOnline() {
        for (final String pan : TestCards.KNOWN) {
            final EngineEvent cp = decode(cardPresent(pan, T0).build());
            final EngineEvent cnp = decode(cardNotPresent(pan, T0 + 1).build());
            assertEquals(cp.fingerprintHigh, cnp.fingerprintHigh, CardNumbers.mask(pan));
            assertEquals(cp.fingerprintLow, cnp.fingerprintLow, CardNumbers.mask(pan));
            assertEquals(ingress.fingerprintOf(pan), new Fingerprint(cp.fingerprintHigh, cp.fingerprintLow));
        }
    }

    @Test
    void differentCardsAndDifferentKeysGiveDifferentFingerprints() {
        final Ingress other = new Ingress(new CardFingerprinter(OTHER_KEY), 1, () -> 0L);
        for (final String pan : TestCards.KNOWN) {
            assertNotEquals(ingress.fingerprintOf(pan), other.fingerprintOf(pan), CardNumbers.mask(pan));
        }
        assertNotEquals(ingress.fingerprintOf(TestCards.VISA), ingress.fingerprintOf(TestCards.VISA_2));
    }

    @Test
    void aCardReferenceIsFingerprintedLikeAPanWithoutTheLuhnCheck() {
        final EngineEvent byReference = decode(cardPresent(null, T0).cardReference("customer-42/card-7").build());
        assertNull(byReference.rejection);
        assertEquals(ingress.fingerprintOf("customer-42/card-7"),
            new Fingerprint(byReference.fingerprintHigh, byReference.fingerprintLow));
        assertEquals(0, byReference.bin);

        final EngineEvent sameDigits = decode(cardPresent(null, T0).cardReference(TestCards.VISA).build());
        assertEquals(ingress.fingerprintOf(TestCards.VISA),
            new Fingerprint(sameDigits.fingerprintHigh, sameDigits.fingerprintLow));
    }

    @Test
    void controlEventsReadCardsByPanReferenceOrFingerprint() {
        final Fingerprint visa = ingress.fingerprintOf(TestCards.VISA);
        final EngineEvent event = new EngineEvent();
        event.clear();
        assertNull(ingress.decodeCard(CardRef.pan(TestCards.VISA), event));
        assertEquals(visa, new Fingerprint(event.fingerprintHigh, event.fingerprintLow));

        event.clear();
        assertNull(ingress.decodeCard(CardRef.fingerprint(visa), event));
        assertEquals(visa, new Fingerprint(event.fingerprintHigh, event.fingerprintLow));

        event.clear();
        assertNull(ingress.decodeCard(CardRef.reference("vault-1"), event));
        assertEquals(ingress.fingerprintOf("vault-1"), new Fingerprint(event.fingerprintHigh, event.fingerprintLow));

        assertEquals(Rejection.MISSING_PAN, ingress.decodeCard(CardRef.fingerprint(Fingerprint.NONE), new EngineEvent()));
        assertEquals(Rejection.MISSING_PAN, ingress.decodeCard(CardRef.pan(null), new EngineEvent()));
        assertEquals(Rejection.INVALID_PAN,
            ingress.decodeCard(CardRef.pan(TestCards.withBadCheckDigit(TestCards.VISA)), new EngineEvent()));
    }

    @Test
    void ingressStampsTheTimeOnlyWhenTheRequestHasNone() {
        final Ingress clocked = new Ingress(new CardFingerprinter(KEY), 100, () -> 42L);
        final EngineEvent event = new EngineEvent();
        event.clear();
        clocked.decodeAuthorization(cardPresent(TestCards.VISA, AuthorizationRequest.NO_TIME).amountMinor(1).build(),
            event);
        assertEquals(42L, event.eventTimeMillis);
        assertEquals(42L, clocked.eventTime(AuthorizationRequest.NO_TIME));
        assertEquals(7L, clocked.eventTime(7L));
    }

    @Test
    void theEventCarriesNoPan() {
        final EngineEvent event = decode(cardPresent(TestCards.VISA, T0).build());
        assertFalse(event.toString().contains(TestCards.VISA));
        assertTrue(event.toString().contains("bin=411111"));
    }

    @Test
    void theConfiguredMaximumAmountIsAccepted() {
        final Ingress capped = new Ingress(new CardFingerprinter(KEY), 10_000, () -> T0);
        final EngineEvent atMax = new EngineEvent();
        atMax.clear();
        capped.decodeAuthorization(cardPresent(TestCards.VISA, T0).amountMinor(10_000).build(), atMax);
        assertNull(atMax.rejection);
        final EngineEvent over = new EngineEvent();
        over.clear();
        capped.decodeAuthorization(cardPresent(TestCards.VISA, T0).amountMinor(10_001).build(), over);
        assertEquals(Rejection.AMOUNT_TOO_LARGE, over.rejection);
    }

    private EngineEvent decode(final AuthorizationRequest request) {
        final EngineEvent event = new EngineEvent();
        event.clear();
        ingress.decodeAuthorization(request, event);
        return event;
    }
}
