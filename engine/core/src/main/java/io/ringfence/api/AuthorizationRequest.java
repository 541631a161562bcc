package io.ringfence.api;

/**
 * One authorization as a gateway sends it. Immutable; build with {@link #builder()}.
 *
 * <p>The PAN is held only until ingress fingerprints it and is never printed: {@link #toString()} shows the
 * BIN and last four digits alone.
 */
public final class AuthorizationRequest {
    /** The value of {@link #mcc()} when the request carried no merchant category code. */
    public static final int NO_MCC = -1;
    /** The value of {@link #transmissionTimeMillis()} when the request carried none: ingress stamps it. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final String requestId;
    private final String pan;
    private final String cardReference;
    private final String expiry;
    private final long amountMinor;
    private final String currency;
    private final Channel channel;
    private final EntryMode entryMode;
    private final String merchantId;
    private final String terminalId;
    private final int mcc;
    private final String merchantCountry;
    private final String cardCountry;
    private final String ipAddress;
    private final String ipCountry;
    private final String deviceId;
    private final String email;
    private final String billingCountry;
    private final long transmissionTimeMillis;

    private AuthorizationRequest(final Builder b) {
        requestId = b.requestId;
        pan = b.pan;
        cardReference = b.cardReference;
        expiry = b.expiry;
        amountMinor = b.amountMinor;
        currency = b.currency;
        channel = b.channel;
        entryMode = b.entryMode;
        merchantId = b.merchantId;
        terminalId = b.terminalId;
        mcc = b.mcc;
        merchantCountry = b.merchantCountry;
        cardCountry = b.cardCountry;
        ipAddress = b.ipAddress;
        ipCountry = b.ipCountry;
        deviceId = b.deviceId;
        email = b.email;
        billingCountry = b.billingCountry;
        transmissionTimeMillis = b.transmissionTimeMillis;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Caller's id for the request, echoed in the decision; may be null. */
    public String requestId() {
        return requestId;
    }

    /** Primary account number or network/wallet token digits; null when {@link #cardReference()} is used. */
    public String pan() {
        return pan;
    }

    /** An opaque card reference (replayed data, vaulted cards): fingerprinted like a PAN, no Luhn check. */
    public String cardReference() {
        return cardReference;
    }

    /** Card expiry as {@code MMYY}, or null when not given. */
    public String expiry() {
        return expiry;
    }

    public long amountMinor() {
        return amountMinor;
    }

    /** ISO 4217 alphabetic currency code. */
    public String currency() {
        return currency;
    }

    public Channel channel() {
        return channel;
    }

    public EntryMode entryMode() {
        return entryMode;
    }

    public String merchantId() {
        return merchantId;
    }

    public String terminalId() {
        return terminalId;
    }

    public int mcc() {
        return mcc;
    }

    public String merchantCountry() {
        return merchantCountry;
    }

    public String cardCountry() {
        return cardCountry;
    }

    public String ipAddress() {
        return ipAddress;
    }

    public String ipCountry() {
        return ipCountry;
    }

    public String deviceId() {
        return deviceId;
    }

    public String email() {
        return email;
    }

    public String billingCountry() {
        return billingCountry;
    }

    /** Transmission time (ISO 8583 field 7) in epoch milliseconds, or {@link #NO_TIME}. */
    public long transmissionTimeMillis() {
        return transmissionTimeMillis;
    }

    @Override
    public String toString() {
        return "AuthorizationRequest{id=" + requestId
            + ", card=" + maskedCard()
            + ", amountMinor=" + amountMinor + ' ' + currency
            + ", channel=" + channel + '/' + entryMode
            + ", merchant=" + merchantId + ", terminal=" + terminalId + ", mcc=" + mcc
            + ", merchantCountry=" + merchantCountry + ", cardCountry=" + cardCountry
            + ", time=" + transmissionTimeMillis + '}';
    }

    private String maskedCard() {
        if (pan != null) {
            return CardNumbers.mask(pan);
        }
        return cardReference == null ? "none" : "reference";
    }

    /** Fluent builder; every field is optional to the builder, and ingress validation judges the result. */
    public static final class Builder {
        private String requestId;
        private String pan;
        private String cardReference;
        private String expiry;
        private long amountMinor;
        private String currency = "USD";
        private Channel channel;
        private EntryMode entryMode;
        private String merchantId;
        private String terminalId;
        private int mcc = NO_MCC;
        private String merchantCountry;
        private String cardCountry;
        private String ipAddress;
        private String ipCountry;
        private String deviceId;
        private String email;
        private String billingCountry;
        private long transmissionTimeMillis = NO_TIME;

        private Builder() {
        }

        public Builder requestId(final String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder pan(final String pan) {
            this.pan = pan;
            return this;
        }

        public Builder cardReference(final String cardReference) {
            this.cardReference = cardReference;
            return this;
        }

        public Builder expiry(final String mmyy) {
            this.expiry = mmyy;
            return this;
        }

        public Builder amountMinor(final long amountMinor) {
            this.amountMinor = amountMinor;
            return this;
        }

        public Builder currency(final String currency) {
            this.currency = currency;
            return this;
        }

        public Builder channel(final Channel channel) {
            this.channel = channel;
            return this;
        }

        public Builder entryMode(final EntryMode entryMode) {
            this.entryMode = entryMode;
            return this;
        }

        public Builder merchantId(final String merchantId) {
            this.merchantId = merchantId;
            return this;
        }

        public Builder terminalId(final String terminalId) {
            this.terminalId = terminalId;
            return this;
        }

        public Builder mcc(final int mcc) {
            this.mcc = mcc;
            return this;
        }

        public Builder merchantCountry(final String merchantCountry) {
            this.merchantCountry = merchantCountry;
            return this;
        }

        public Builder cardCountry(final String cardCountry) {
            this.cardCountry = cardCountry;
            return this;
        }

        public Builder ipAddress(final String ipAddress) {
            this.ipAddress = ipAddress;
            return this;
        }

        public Builder ipCountry(final String ipCountry) {
            this.ipCountry = ipCountry;
            return this;
        }

        public Builder deviceId(final String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Builder email(final String email) {
            this.email = email;
            return this;
        }

        public Builder billingCountry(final String billingCountry) {
            this.billingCountry = billingCountry;
            return this;
        }

        public Builder transmissionTimeMillis(final long epochMillis) {
            this.transmissionTimeMillis = epochMillis;
            return this;
        }

        public AuthorizationRequest build() {
            return new AuthorizationRequest(this);
        }
    }
}
