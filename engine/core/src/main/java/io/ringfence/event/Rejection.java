package io.ringfence.event;

import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;

/** The ways ingress validation refuses a request, each with its ISO 8583 response code and reason. */
public enum Rejection {
    MISSING_PAN(ResponseCode.INVALID_CARD_NUMBER, ReasonCode.MISSING_PAN),
    INVALID_PAN(ResponseCode.INVALID_CARD_NUMBER, ReasonCode.INVALID_PAN),
    AMOUNT_NEGATIVE(ResponseCode.INVALID_AMOUNT, ReasonCode.AMOUNT_NEGATIVE),
    AMOUNT_TOO_LARGE(ResponseCode.INVALID_AMOUNT, ReasonCode.AMOUNT_TOO_LARGE),
    UNKNOWN_CURRENCY(ResponseCode.FORMAT_ERROR, ReasonCode.UNKNOWN_CURRENCY),
    MISSING_CHANNEL(ResponseCode.FORMAT_ERROR, ReasonCode.MISSING_CHANNEL),
    MISSING_ENTRY_MODE(ResponseCode.FORMAT_ERROR, ReasonCode.MISSING_ENTRY_MODE),
    ENTRY_MODE_CHANNEL_MISMATCH(ResponseCode.INVALID_TRANSACTION, ReasonCode.ENTRY_MODE_CHANNEL_MISMATCH),
    CNP_WITHOUT_SIGNALS(ResponseCode.INVALID_TRANSACTION, ReasonCode.CNP_WITHOUT_SIGNALS),
    MISSING_MERCHANT(ResponseCode.FORMAT_ERROR, ReasonCode.MISSING_MERCHANT),
    INVALID_MCC(ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_MCC),
    INVALID_COUNTRY(ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_COUNTRY),
    INVALID_EXPIRY(ResponseCode.FORMAT_ERROR, ReasonCode.INVALID_EXPIRY),
    CARD_EXPIRED(ResponseCode.EXPIRED_CARD, ReasonCode.CARD_EXPIRED),
    TIME_OUT_OF_RANGE(ResponseCode.FORMAT_ERROR, ReasonCode.TIME_OUT_OF_RANGE);

    private final ResponseCode responseCode;
    private final ReasonCode reason;

    Rejection(final ResponseCode responseCode, final ReasonCode reason) {
        this.responseCode = responseCode;
        this.reason = reason;
    }

    public ResponseCode responseCode() {
        return responseCode;
    }

    public ReasonCode reason() {
        return reason;
    }
}
