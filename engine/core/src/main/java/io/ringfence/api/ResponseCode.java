package io.ringfence.api;

/** ISO 8583 field 39 response codes the engine answers with. */
public enum ResponseCode {
    APPROVED("00"),
    DO_NOT_HONOUR("05"),
    INVALID_TRANSACTION("12"),
    INVALID_AMOUNT("13"),
    INVALID_CARD_NUMBER("14"),
    FORMAT_ERROR("30"),
    EXPIRED_CARD("54"),
    SUSPECTED_FRAUD("59"),
    ISSUER_UNAVAILABLE("91"),
    SYSTEM_MALFUNCTION("96"),
    /** Soft decline asking for strong customer authentication (3-D Secure). */
    ADDITIONAL_AUTHENTICATION_REQUIRED("1A"),
    /** A retry whose request id was seen within the idempotency window with different content. */
    DUPLICATE_TRANSMISSION("94");

    private final String code;

    ResponseCode(final String code) {
        this.code = code;
    }

    /** The two-character field 39 value. */
    public String code() {
        return code;
    }
}
