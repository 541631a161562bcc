package io.ringfence.api;

import io.ringfence.TestCards;
import io.ringfence.TestRequests;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardNumbersTest {
    @Test
    void theNetworksTestCardsPassLuhnAndOneChangedDigitFails() {
        for (final String pan : TestCards.KNOWN) {
            assertTrue(CardNumbers.passesLuhn(pan), CardNumbers.mask(pan));
            assertFalse(CardNumbers.passesLuhn(TestCards.withBadCheckDigit(pan)), CardNumbers.mask(pan));
        }
        for (final String pan : TestCards.pans("424242", 1_000)) {
            assertTrue(CardNumbers.passesLuhn(pan), CardNumbers.mask(pan));
        }
        assertFalse(CardNumbers.passesLuhn("4111111111111121"), "a swapped pair of digits");
    }

    @Test
    void theCheckDigitMakesAnyBodyPassLuhn() {
        assertEquals('1', CardNumbers.luhnCheckDigit("411111111111111"));
        assertEquals('5', CardNumbers.luhnCheckDigit("37828224631000"));
        for (int body = 0; body < 2_000; body++) {
            final String digits = String.format("4000%011d", body * 7919L);
            assertTrue(CardNumbers.passesLuhn(digits + CardNumbers.luhnCheckDigit(digits)));
        }
    }

    @Test
    void maskingShowsTheBinAndLastFourOnly() {
        assertEquals("411111******1111", CardNumbers.mask(TestCards.VISA));
        assertEquals("378282******0005", CardNumbers.mask(TestCards.AMEX));
        assertEquals("******9012", CardNumbers.mask("123456789012"), "a 12-digit number shows its last four only");
        assertEquals("invalid", CardNumbers.mask("1234567"));
        assertEquals("invalid", CardNumbers.mask(null));
    }

    @Test
    void aRequestAndACardReferencePrintOnlyTheMaskedCard() {
        final AuthorizationRequest request = TestRequests.cardPresent(TestCards.VISA, TestRequests.T0).build();
        assertFalse(request.toString().contains(TestCards.VISA));
        assertTrue(request.toString().contains("411111******1111"));
        assertFalse(CardRef.pan(TestCards.VISA).toString().contains(TestCards.VISA));
        assertEquals("CardRef{reference}", CardRef.reference(TestCards.VISA).toString());
        assertFalse(AuthorizationRequest.builder().cardReference(TestCards.VISA).build().toString()
            .contains(TestCards.VISA));
    }
}
