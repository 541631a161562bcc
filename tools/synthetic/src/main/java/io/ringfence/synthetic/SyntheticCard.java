package io.ringfence.synthetic;

import io.ringfence.api.CardNumbers;
import io.ringfence.api.CardRef;

/**
 * A synthetic payment card. Holds its PAN because the traffic must carry it to the engine like a gateway would;
 * {@link #toString()} and {@link #masked()} show only the BIN and last four.
 */
public final class SyntheticCard {
    private final String pan;
    private final String expiry;
    private final String country;

    SyntheticCard(final String pan, final String expiry, final String country) {
        this.pan = pan;
        this.expiry = expiry;
        this.country = country;
    }

    /** The full card number: pass it to the engine, never print it. */
    public String pan() {
        return pan;
    }

    /** Expiry as MMYY. */
    public String expiry() {
        return expiry;
    }

    /** Issuing country, ISO 3166 alpha-2. */
    public String country() {
        return country;
    }

    public String bin() {
        return pan.substring(0, 6);
    }

    public String lastFour() {
        return pan.substring(pan.length() - 4);
    }

    /** BIN and last four with the middle masked. */
    public String masked() {
        return CardNumbers.mask(pan);
    }

    public CardRef ref() {
        return CardRef.pan(pan);
    }

    @Override
    public String toString() {
        return "SyntheticCard{" + masked() + ", " + country + '}';
    }
}
