package io.ringfence.rules;

import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.hashing.StableHash;
import io.ringfence.ingress.CountryCodes;
import io.ringfence.ingress.KeyedHash;

import java.util.Currency;
import java.util.Locale;

/**
 * How an attribute's values are held and compared. {@link #NUMBER} attributes are doubles; every other kind is a
 * 64-bit key computed exactly as the event holds the field (countries packed, identifiers hashed with the engine's
 * key, merchants with {@link StableHash}), so a rule compares a request with a literal or a list item without ever
 * handling text per event. Key 0 means the request did not carry the value.
 */
public enum ValueKind {
    NUMBER("a number"),
    COUNTRY("an ISO 3166 alpha-2 country code like 'US'"),
    CURRENCY("an ISO 4217 currency code like 'EUR'"),
    CHANNEL("a channel, 'CP' or 'CNP'"),
    ENTRY_MODE("an entry mode like 'chip' or 'ecommerce'"),
    MCC("a merchant category code, 0 to 9999"),
    BIN("a six-digit BIN"),
    MERCHANT("a merchant id"),
    TERMINAL("a terminal as 'MERCHANT/TERMINAL'"),
    IDENTIFIER("a text value"),
    FINGERPRINT("a card fingerprint of 32 hex digits");

    private final String description;

    ValueKind(final String description) {
        this.description = description;
    }

    /** What a value of this kind looks like, for error messages. */
    public String description() {
        return description;
    }

    /**
     * The key a literal or list item stands for.
     *
     * @param identifiers the engine's keyed hash of IP addresses, device ids and e-mails
     * @throws IllegalArgumentException with a message saying what was expected, for text that is not of this kind
     */
    public long encode(final String text, final KeyedHash identifiers) {
        final long key = switch (this) {
            case NUMBER -> throw new IllegalArgumentException("a number attribute has no keys");
            case COUNTRY -> {
                final short packed = CountryCodes.pack(text);
                yield packed <= 0 ? 0L : packed;
            }
            case CURRENCY -> currency(text);
            case CHANNEL -> channelKey(constant(Channel.class, text));
            case ENTRY_MODE -> entryModeKey(constant(EntryMode.class, text));
            case MCC -> mccKey(digits(text, 1, 4));
            case BIN -> binKey(digits(text, 6, 6));
            case MERCHANT -> StableHash.of(text);
            case TERMINAL -> {
                final int slash = text.indexOf('/');
                yield slash <= 0 ? 0L : StableHash.of(text.substring(0, slash), text.substring(slash + 1));
            }
            case IDENTIFIER -> identifiers.of(text);
            case FINGERPRINT -> fingerprint(text);
        };
        if (key == 0L) {
            // A mistaken card number must not be echoed into a log or an answer: the PAN never rests.
            throw new IllegalArgumentException(this == FINGERPRINT ? "a card is listed by its fingerprint, 32 hex digits"
                : "'" + text + "' is not " + description);
        }
        return key;
    }

    static long channelKey(final Channel channel) {
        return channel == null ? 0L : channel.ordinal() + 1L;
    }

    static long entryModeKey(final EntryMode mode) {
        return mode == null ? 0L : mode.ordinal() + 1L;
    }

    /** The event's "no MCC" (-1) becomes key 0. */
    static long mccKey(final int mcc) {
        return mcc < 0 ? 0L : mcc + 1L;
    }

    /** BIN 0 is a card given by reference or token, without a card number: no BIN. */
    static long binKey(final int bin) {
        return bin <= 0 ? 0L : bin + 1L;
    }

    /** A 128-bit fingerprint folded to one key; a collision needs 2^64 cards. */
    static long fingerprintKey(final long high, final long low) {
        if (high == 0L && low == 0L) {
            return 0L;
        }
        final long key = high ^ Long.rotateLeft(low * 0x9E3779B97F4A7C15L, 31);
        return key == 0L ? 1L : key;
    }

    private static long currency(final String text) {
        try {
            final int numeric = Currency.getInstance(upper(text)).getNumericCode();
            return numeric <= 0 ? 0L : numeric;
        } catch (final IllegalArgumentException e) {
            return 0L;
        }
    }

    private static long fingerprint(final String text) {
        if (text.length() != 32) {
            return 0L;
        }
        try {
            return fingerprintKey(Long.parseUnsignedLong(text.substring(0, 16), 16),
                Long.parseUnsignedLong(text.substring(16), 16));
        } catch (final NumberFormatException e) {
            return 0L;
        }
    }

    /** Digits only, {@code min} to {@code max} of them; -1 for anything else, which encodes to no key. */
    private static int digits(final String text, final int min, final int max) {
        if (text.length() < min || text.length() > max) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(text);
    }

    private static <E extends Enum<E>> E constant(final Class<E> type, final String text) {
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        return null;
    }

    private static String upper(final String text) {
        return text.toUpperCase(Locale.ROOT);
    }
}
