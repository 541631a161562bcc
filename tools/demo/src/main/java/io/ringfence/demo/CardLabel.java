package io.ringfence.demo;

import io.ringfence.api.Fingerprint;
import io.ringfence.synthetic.SyntheticCard;

/** How the demo names a card: BIN, last four and the start of the engine's fingerprint; never the PAN. */
final class CardLabel {
    private static final int FINGERPRINT_DIGITS = 8;

    private CardLabel() {
    }

    static String of(final SyntheticCard card, final Fingerprint fingerprint) {
        return card.bin() + ".." + card.lastFour() + " fp " + fingerprint.toString().substring(0, FINGERPRINT_DIGITS);
    }

    static String of(final EventOutcome outcome) {
        return of(outcome.event().card(), outcome.fingerprint());
    }
}
