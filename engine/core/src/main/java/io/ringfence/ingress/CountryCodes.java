package io.ringfence.ingress;

/** ISO 3166 alpha-2 codes packed into a short so the event and card record carry no strings. */
public final class CountryCodes {
    /** Returned for a code that is not two letters. */
    public static final short INVALID = -1;

    private CountryCodes() {
    }

    /** 0 for null or empty (unknown), {@link #INVALID} for anything but two letters, otherwise the packed code. */
    public static short pack(final String code) {
        if (code == null || code.isEmpty()) {
            return 0;
        }
        if (code.length() != 2) {
            return INVALID;
        }
        final int a = Character.toUpperCase(code.charAt(0)) - 'A';
        final int b = Character.toUpperCase(code.charAt(1)) - 'A';
        if (a < 0 || a > 25 || b < 0 || b > 25) {
            return INVALID;
        }
        return (short)((a + 1) * 32 + (b + 1));
    }

    /** The two letters back, or "--" for unknown. */
    public static String unpack(final short packed) {
        if (packed <= 0) {
            return "--";
        }
        return new String(new char[] {(char)('A' + packed / 32 - 1), (char)('A' + packed % 32 - 1)});
    }
}
