package io.ringfence;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardNumbers;
import io.ringfence.api.EntryMode;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;

/**
 * Every way ingress validation refuses a request, each built from a valid request with one thing wrong, with
 * the response code, reason and rejection kind it must get. Shared by the ingress unit test and the
 * whole-engine test.
 */
public final class InvalidRequests {
    private InvalidRequests() {
    }

    /**
     * One malformed request and what it must get.
     *
     * @param name      what is wrong, for the test's display name
     * @param request   the request
     * @param code      the response code
     * @param reason    the one reason code
     * @param rejection the rejection kind: the counter is {@code rejections.<kind>}
     */
    public record Case(String name, AuthorizationRequest request, ResponseCode code, ReasonCode reason,
        String rejection) {

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> all() {
        return List.of(
            cp("missing PAN", b -> b.pan(null), ResponseCode.INVALID_CARD_NUMBER, ReasonCode.MISSING_PAN, "MISSING_PAN"),
            cp("empty PAN", b -> b.pan(""), ResponseCode.INVALID_CARD_NUMBER, ReasonCode.MISSING_PAN, "MISSING_PAN"),
            cp("Luhn failure", b -> b.pan(TestCards.withBadCheckDigit(TestCards.VISA)),
                ResponseCode.INVALID_CARD_NUMBER, ReasonCode.INVALID_PAN, "INVALID_PAN"),
            cp("PAN with dashes", b -> b.pan("4111-1111-1111-1111"),
                ResponseCode.INVALID_CARD_NUMBER, ReasonCode.INVALID_PAN, "INVALID_PAN"),
            cnp("PAN with a letter", b -> b.pan("41111111111111a1"),
                ResponseCode.INVALID_CARD_NUMBER, ReasonCode.INVALID_PAN, "INVALID_PAN"),
            cp("PAN of 11 digits passing Luhn", b -> b.pan("4111111111" + CardNumbers.luhnCheckDigit("4111111111")),
                ResponseCode.INVALID_CARD_NUMBER, ReasonCode.INVALID_PAN, "INVALID_PAN"),
            cp("PAN of 20 digits passing Luhn", b -> b.pan("4111111111111111111" + CardNumbers.luhnCheckDigit("4111111111111111111")),
                ResponseCode.INVALID_CARD_NUMBER, ReasonCode.INVALID_PAN, "INVALID_PAN"),
            cp("card reference over 64 characters", b -> b.pan(null).cardReference("r".repeat(65)),
                ResponseCode.INVALID_CARD_NUMBER, ReasonCode.INVALID_PAN, "INVALID_PAN"),
            cnp("negative amount", b -> b.amountMinor(-500), ResponseCode.INVALID_AMOUNT,
                ReasonCode.AMOUNT_NEGATIVE, "AMOUNT_NEGATIVE"),
            cp("amount above the maximum", b -> b.amountMinor(EngineConfig.MAX_AMOUNT_MINOR_DEFAULT + 1),
                ResponseCode.INVALID_AMOUNT, ReasonCode.AMOUNT_TOO_LARGE, "AMOUNT_TOO_LARGE"),
            cp("unknown currency", b -> b.currency("ZZZ"), ResponseCode.FORMAT_ERROR, ReasonCode.UNKNOWN_CURRENCY,
                "UNKNOWN_CURRENCY"),
            cnp("missing currency", b -> b.currency(null), ResponseCode.FORMAT_ERROR, ReasonCode.UNKNOWN_CURRENCY,
                "UNKNOWN_CURRENCY"),
            cp("currency without minor units (XXX)", b -> b.currency("XXX"), ResponseCode.FORMAT_ERROR,
                ReasonCode.UNKNOWN_CURRENCY, "UNKNOWN_CURRENCY"),
            cp("missing channel", b -> b.channel(null), ResponseCode.FORMAT_ERROR, ReasonCode.MISSING_CHANNEL,
                "MISSING_CHANNEL"),
            cp("missing entry mode", b -> b.entryMode(null), ResponseCode.FORMAT_ERROR,
                ReasonCode.MISSING_ENTRY_MODE, "MISSING_ENTRY_MODE"),
            cp("card-present e-commerce", b -> b.entryMode(EntryMode.ECOMMERCE), ResponseCode.INVALID_TRANSACTION,
                ReasonCode.ENTRY_MODE_CHANNEL_MISMATCH, "ENTRY_MODE_CHANNEL_MISMATCH"),
            cp("card-present MOTO", b -> b.entryMode(EntryMode.MOTO), ResponseCode.INVALID_TRANSACTION,
                ReasonCode.ENTRY_MODE_CHANNEL_MISMATCH, "ENTRY_MODE_CHANNEL_MISMATCH"),
            cnp("card-not-present chip", b -> b.entryMode(EntryMode.CHIP), ResponseCode.INVALID_TRANSACTION,
                ReasonCode.ENTRY_MODE_CHANNEL_MISMATCH, "ENTRY_MODE_CHANNEL_MISMATCH"),
            cnp("card-not-present swipe", b -> b.entryMode(EntryMode.SWIPE), ResponseCode.INVALID_TRANSACTION,
                ReasonCode.ENTRY_MODE_CHANNEL_MISMATCH, "ENTRY_MODE_CHANNEL_MISMATCH"),
            cnp("card-not-present contactless", b -> b.entryMode(EntryMode.CONTACTLESS),
                ResponseCode.INVALID_TRANSACTION, ReasonCode.ENTRY_MODE_CHANNEL_MISMATCH, "ENTRY_MODE_CHANNEL_MISMATCH"),
            cnp("card-not-present without any signal", b -> b.ipAddress(null).ipCountry(null).deviceId(null).email(null)
                .billingCountry(null), ResponseCode.INVALID_TRANSACTION, ReasonCode.CNP_WITHOUT_SIGNALS,
                "CNP_WITHOUT_SIGNALS"),
            cnp("card-not-present with empty signals", b -> b.ipAddress("").ipCountry("").deviceId("").email("")
                .billingCountry(""), ResponseCode.INVALID_TRANSACTION, ReasonCode.CNP_WITHOUT_SIGNALS,
                "CNP_WITHOUT_SIGNALS"),
            cp("missing merchant", b -> b.merchantId(null), ResponseCode.FORMAT_ERROR, ReasonCode.MISSING_MERCHANT,
                "MISSING_MERCHANT"),
            cnp("empty merchant", b -> b.merchantId(""), ResponseCode.FORMAT_ERROR, ReasonCode.MISSING_MERCHANT,
                "MISSING_MERCHANT"),
            cp("MCC above 9999", b -> b.mcc(10_000), ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_MCC, "INVALID_MCC"),
            cp("negative MCC", b -> b.mcc(-5), ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_MCC, "INVALID_MCC"),
            cp("three-letter merchant country", b -> b.merchantCountry("USA"), ResponseCode.FORMAT_ERROR,
                ReasonCode.INVALID_COUNTRY, "INVALID_COUNTRY"),
            cp("card country with a digit", b -> b.cardCountry("U1"), ResponseCode.FORMAT_ERROR,
                ReasonCode.INVALID_COUNTRY, "INVALID_COUNTRY"),
            cnp("one-letter IP country", b -> b.ipCountry("U"), ResponseCode.FORMAT_ERROR,
                ReasonCode.INVALID_COUNTRY, "INVALID_COUNTRY"),
            cnp("billing country with punctuation", b -> b.billingCountry("U-"), ResponseCode.FORMAT_ERROR,
                ReasonCode.INVALID_COUNTRY, "INVALID_COUNTRY"),
            cp("expiry of three digits", b -> b.expiry("123"), ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_EXPIRY,
                "INVALID_EXPIRY"),
            cp("expiry with a slash", b -> b.expiry("12/5"), ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_EXPIRY,
                "INVALID_EXPIRY"),
            cnp("expiry month 13", b -> b.expiry("1325"), ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_EXPIRY,
                "INVALID_EXPIRY"),
            cp("expiry month 00", b -> b.expiry("0025"), ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_EXPIRY,
                "INVALID_EXPIRY"),
            cp("expired last month", b -> b.expiry("0224"), ResponseCode.EXPIRED_CARD, ReasonCode.CARD_EXPIRED,
                "CARD_EXPIRED"),
            cnp("expired years ago", b -> b.expiry("0120"), ResponseCode.EXPIRED_CARD, ReasonCode.CARD_EXPIRED,
                "CARD_EXPIRED"));
    }

    private static Case cp(final String name, final UnaryOperator<AuthorizationRequest.Builder> breakIt,
        final ResponseCode code, final ReasonCode reason, final String rejection) {
        return new Case("CP: " + name, breakIt.apply(cardPresent(TestCards.VISA, T0)).build(), code, reason, rejection);
    }

    private static Case cnp(final String name, final UnaryOperator<AuthorizationRequest.Builder> breakIt,
        final ResponseCode code, final ReasonCode reason, final String rejection) {
        return new Case("CNP: " + name, breakIt.apply(cardNotPresent(TestCards.VISA, T0)).build(), code, reason,
            rejection);
    }
}
