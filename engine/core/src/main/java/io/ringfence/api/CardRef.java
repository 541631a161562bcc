package io.ringfence.api;

/**
 * Names a card for the control events (fraud reports, flag clears, token links): by PAN, by opaque
 * reference, or by fingerprint when the caller (an analyst) only ever saw the fingerprint.
 */
public final class CardRef {
    private final String pan;
    private final String reference;
    private final Fingerprint fingerprint;

    private CardRef(final String pan, final String reference, final Fingerprint fingerprint) {
        this.pan = pan;
        this.reference = reference;
        this.fingerprint = fingerprint;
    }

    public static CardRef pan(final String pan) {
        return new CardRef(pan, null, null);
    }

    public static CardRef reference(final String reference) {
        return new CardRef(null, reference, null);
    }

    public static CardRef fingerprint(final Fingerprint fingerprint) {
        return new CardRef(null, null, fingerprint);
    }

    public String pan() {
        return pan;
    }

    public String reference() {
        return reference;
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        if (pan != null) {
            return "CardRef{pan=" + CardNumbers.mask(pan) + '}';
        }
        return reference != null ? "CardRef{reference}" : "CardRef{fingerprint=" + fingerprint + '}';
    }
}
