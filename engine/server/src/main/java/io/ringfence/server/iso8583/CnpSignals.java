package io.ringfence.server.iso8583;

import io.ringfence.api.AuthorizationRequest;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Field 48 as Ringfence reads it: the card-not-present signals, in a private tag-length-value layout.
 *
 * <pre>
 *   tag     2 characters, A-Z or 0-9
 *   length  3 decimal digits, the value's length in characters (000-999)
 *   value   that many printable ASCII characters
 * </pre>
 *
 * repeated to the end of the field, in any order. Tags: {@code IP} the cardholder's IP address, {@code IC} the IP
 * address's country (ISO 3166 alpha-2), {@code DV} a device id, {@code EM} an e-mail address, {@code BC} the billing
 * address's country, {@code CC} the card's issuing country. A tag not in this list is skipped, so a sender can carry
 * its own tags beside these; a tag given twice, a length that runs past the field or is not digits is a format
 * error. Example: {@code IP011203.0.113.7IC002USEM016jane@example.com}.
 */
final class CnpSignals {
    private static final int HEADER = 5;
    private static final String[] TAGS = {"IP", "IC", "DV", "EM", "BC", "CC"};
    private static final List<BiConsumer<AuthorizationRequest.Builder, String>> SETTERS = List.of(
        AuthorizationRequest.Builder::ipAddress, AuthorizationRequest.Builder::ipCountry,
        AuthorizationRequest.Builder::deviceId, AuthorizationRequest.Builder::email,
        AuthorizationRequest.Builder::billingCountry, AuthorizationRequest.Builder::cardCountry);

    private CnpSignals() {
    }

    /**
     * Adds the signals in {@code tlv} to {@code request}.
     *
     * @throws IsoFormatException when the layout is broken or a known tag repeats
     */
    static void read(final String tlv, final AuthorizationRequest.Builder request) throws IsoFormatException {
        int seen = 0;
        int at = 0;
        while (at < tlv.length()) {
            if (tlv.length() - at < HEADER) {
                throw new IsoFormatException(48, "tag or length cut short at position " + at);
            }
            final char first = tlv.charAt(at);
            final char second = tlv.charAt(at + 1);
            if (!tagCharacter(first) || !tagCharacter(second)) {
                throw new IsoFormatException(48, "tag not A-Z or 0-9 at position " + at);
            }
            int length = 0;
            for (int i = at + 2; i < at + HEADER; i++) {
                final char c = tlv.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IsoFormatException(48, "length not three digits at position " + at);
                }
                length = length * 10 + c - '0';
            }
            final int valueAt = at + HEADER;
            if (tlv.length() - valueAt < length) {
                throw new IsoFormatException(48, "value runs past the field at position " + at);
            }
            final int tag = tagIndex(first, second);
            if (tag >= 0) {
                if ((seen & 1 << tag) != 0) {
                    throw new IsoFormatException(48, "tag " + first + second + " repeated");
                }
                seen |= 1 << tag;
                if (length > 0) {
                    SETTERS.get(tag).accept(request, tlv.substring(valueAt, valueAt + length));
                }
            }
            at = valueAt + length;
        }
    }

    /** The layout for {@code tag} and {@code value}: for senders and tests. */
    static String entry(final String tag, final String value) {
        if (tag.length() != 2 || value.length() > 999) {
            throw new IllegalArgumentException("a tag has two characters and a value at most 999");
        }
        return tag + String.format("%03d", value.length()) + value;
    }

    private static boolean tagCharacter(final char c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static int tagIndex(final char first, final char second) {
        for (int i = 0; i < TAGS.length; i++) {
            if (TAGS[i].charAt(0) == first && TAGS[i].charAt(1) == second) {
                return i;
            }
        }
        return -1;
    }
}
