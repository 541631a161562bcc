package io.ringfence.server.iso8583;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;

import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * From ISO 8583 fields to the engine's requests: the field mapping, the request id that makes a retransmission a
 * retry, and the original a reversal names. Values the engine judges itself (PAN, amount range, expiry, countries)
 * are passed on for ingress to judge; this class refuses only what it cannot translate.
 */
final class IsoRequests {
    /**
     * What a reversal undoes: the original authorization's merchant and request id, as of the reversal's transmission
     * time ({@link AuthorizationRequest#NO_TIME} when it carries none).
     */
    record Original(String merchantId, String requestId, long timeMillis) {
    }

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final String[] CURRENCY_BY_NUMERIC = new String[1000];
    private static final Map<String, String> ALPHA2_BY_ALPHA3 = new HashMap<>();

    static {
        for (final Currency currency : Currency.getAvailableCurrencies()) {
            final int numeric = currency.getNumericCode();
            if (numeric > 0 && numeric < 1000 && currency.getDefaultFractionDigits() >= 0
                && CURRENCY_BY_NUMERIC[numeric] == null) {
                CURRENCY_BY_NUMERIC[numeric] = currency.getCurrencyCode();
            }
        }
        for (final String alpha2 : Locale.getISOCountries()) {
            ALPHA2_BY_ALPHA3.put(new Locale("", alpha2).getISO3Country(), alpha2);
        }
    }

    private final LongSupplier epochMillisClock;

    /** @param epochMillisClock the clock field 7's year is inferred from */
    IsoRequests(final LongSupplier epochMillisClock) {
        this.epochMillisClock = epochMillisClock;
    }

    /**
     * The authorization an 0100, 0200 or 0120 asks for.
     *
     * @throws IsoFormatException when a field the engine needs is missing or cannot be translated
     */
    AuthorizationRequest authorization(final IsoMessage message) throws IsoFormatException {
        final AuthorizationRequest.Builder request = AuthorizationRequest.builder()
            .requestId(requestId(message, stan(message)));
        if (message.present(2)) {
            request.pan(message.digits(2, false));
        } else if (message.present(35)) {
            request.pan(message.digits(35, true));
        }
        request.amountMinor(message.number(require(message, 4)));
        if (message.present(7)) {
            request.transmissionTimeMillis(transmissionTime(message));
        }
        if (message.present(14)) {
            final String yymm = message.digits(14, false);
            request.expiry(yymm.substring(2) + yymm.substring(0, 2));
        }
        if (message.present(18)) {
            request.mcc((int)message.number(18));
        }
        entryModeAndChannel(message, request);
        if (message.present(41)) {
            request.terminalId(message.text(41, true));
        }
        request.merchantId(message.text(require(message, 42), true));
        if (message.present(43)) {
            request.merchantCountry(merchantCountry(message));
        }
        request.currency(currency(message));
        if (message.present(48)) {
            CnpSignals.read(message.text(48, false), request);
        }
        return request.build();
    }

    /**
     * The authorization a reversal undoes: by field 90's original STAN when field 90 is present, else by the
     * reversal's own STAN; the terminal and RRN are the reversal's, which repeat the original's.
     */
    Original original(final IsoMessage message) throws IsoFormatException {
        final String merchant = message.text(require(message, 42), true);
        final long time = message.present(7) ? transmissionTime(message) : AuthorizationRequest.NO_TIME;
        if (!message.present(90)) {
            return new Original(merchant, requestId(message, stan(message)), time);
        }
        if (message.number(90, 4, 10) < 0) {
            throw new IsoFormatException(90, "original STAN not digits");
        }
        return new Original(merchant, requestId(message, message.digits(90, false).substring(4, 10)), time);
    }

    /**
     * {@code terminal/STAN/RRN}, each as sent (terminal and RRN without trailing spaces, empty when absent): the id
     * the engine keys idempotency on, with the merchant, so the same three within the window get the first answer.
     */
    static String requestId(final IsoMessage message, final String stan) throws IsoFormatException {
        final String terminal = message.present(41) ? message.text(41, true) : "";
        final String rrn = message.present(37) ? message.text(37, true) : "";
        return terminal + '/' + stan + '/' + rrn;
    }

    private static String stan(final IsoMessage message) throws IsoFormatException {
        return message.digits(require(message, 11), false);
    }

    private static int require(final IsoMessage message, final int field) throws IsoFormatException {
        if (!message.present(field)) {
            throw new IsoFormatException(field, "missing");
        }
        return field;
    }

    /**
     * Field 22's first two digits give the entry mode; field 25 says e-commerce (59) or mail or telephone order (08)
     * when field 22 does not. Card-not-present: field 25 is 59 or 08, or the card was keyed or entered online.
     */
    private static void entryModeAndChannel(final IsoMessage message, final AuthorizationRequest.Builder request)
        throws IsoFormatException {
        final int pan = message.present(22) ? (int)message.number(22) / 10 : 0;
        final int condition = message.present(25) ? (int)message.number(25) : 0;
        EntryMode mode = entryMode(pan);
        final boolean remoteCondition = condition == 59 || condition == 8;
        if (remoteCondition && (mode == null || mode == EntryMode.MANUAL)) {
            mode = condition == 59 ? EntryMode.ECOMMERCE : EntryMode.MOTO;
        }
        final boolean remote = remoteCondition || mode == EntryMode.MANUAL || mode == EntryMode.ECOMMERCE;
        request.entryMode(mode).channel(remote ? Channel.CNP : Channel.CP);
    }

    /** ISO 8583 field 22 positions 1-2, the PAN entry mode, as the engine's entry mode; null when unknown. */
    static EntryMode entryMode(final int panEntryMode) {
        switch (panEntryMode) {
            case 1:
                return EntryMode.MANUAL;
            case 2:
            case 79:
            case 80:
            case 90:
                return EntryMode.SWIPE;
            case 5:
            case 95:
                return EntryMode.CHIP;
            case 7:
            case 91:
                return EntryMode.CONTACTLESS;
            case 9:
            case 10:
            case 81:
                return EntryMode.ECOMMERCE;
            default:
                return null;
        }
    }

    /** Field 49, ISO 4217 numeric, as the alphabetic code the engine takes. */
    private static String currency(final IsoMessage message) throws IsoFormatException {
        final int numeric = currencyDigits(message, require(message, 49));
        final String alpha = numeric < 0 ? null : CURRENCY_BY_NUMERIC[numeric];
        if (alpha == null) {
            throw new IsoFormatException(49, "not an ISO 4217 numeric currency code");
        }
        return alpha;
    }

    /** Field 49 is three characters in both formats (jPOS packs it as text): its digits, or -1. */
    private static int currencyDigits(final IsoMessage message, final int field) {
        int value = 0;
        for (int i = 0; i < 3; i++) {
            final int c = message.charAt(field, i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /**
     * The merchant's country from the end of field 43: an alpha-3 code in positions 38-40 after a space (the layout
     * some networks use), otherwise the alpha-2 code in positions 39-40; null when neither is there.
     */
    static String merchantCountry(final IsoMessage message) throws IsoFormatException {
        final String location = message.text(43, false);
        if (location.length() < 40) {
            return null;
        }
        final String alpha3 = location.substring(37, 40);
        if (location.charAt(36) == ' ' && ALPHA2_BY_ALPHA3.containsKey(alpha3)) {
            return ALPHA2_BY_ALPHA3.get(alpha3);
        }
        final String alpha2 = location.substring(38, 40);
        return Character.isLetter(alpha2.charAt(0)) && Character.isLetter(alpha2.charAt(1)) ? alpha2 : null;
    }

    /**
     * Field 7, {@code MMDDhhmmss} in UTC, as epoch milliseconds, in the year (this one, the last or the next) that
     * puts it nearest the clock: a message sent at 23:59:59 on 31 December arrives in the new year.
     */
    private long transmissionTime(final IsoMessage message) throws IsoFormatException {
        final int month = (int)message.number(7, 0, 2);
        final int day = (int)message.number(7, 2, 4);
        final int hour = (int)message.number(7, 4, 6);
        final int minute = (int)message.number(7, 6, 8);
        final int second = (int)message.number(7, 8, 10);
        if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
            || second < 0 || second > 59) {
            throw new IsoFormatException(7, "not a date and time MMDDhhmmss");
        }
        final long now = epochMillisClock.getAsLong();
        final int year = yearOf(now);
        final long timeOfDay = ((hour * 60L + minute) * 60L + second) * 1000L;
        long best = Long.MIN_VALUE;
        for (int candidate = year - 1; candidate <= year + 1; candidate++) {
            if (day <= daysInMonth(candidate, month)) {
                final long millis = epochDay(candidate, month, day) * MILLIS_PER_DAY + timeOfDay;
                if (best == Long.MIN_VALUE || Math.abs(millis - now) < Math.abs(best - now)) {
                    best = millis;
                }
            }
        }
        if (best == Long.MIN_VALUE) {
            throw new IsoFormatException(7, "no such day");
        }
        return best;
    }

    private static int yearOf(final long epochMillis) {
        final long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int year = 1970 + (int)(days / 366);
        while (epochDay(year + 1, 1, 1) <= days) {
            year++;
        }
        return year;
    }

    private static int daysInMonth(final int year, final int month) {
        if (month == 2) {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
    private static long epochDay(final int year, final int month, final int day) {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yearOfEra = y - era * 400;
        final long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
