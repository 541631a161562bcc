package io.ringfence.ingress;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardNumbers;
import io.ringfence.api.CardRef;
import io.ringfence.api.Channel;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FraudReport;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.Rejection;
import io.ringfence.hashing.StableHash;

import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The gateway side of the ring: decodes a request, validates it and fingerprints the card into an
 * {@link EngineEvent}. Runs on the caller's thread, never on the business-logic thread; thread-safe.
 *
 * <p>A request that fails validation is still turned into an event, marked with its {@link Rejection}, so that
 * it is sequenced, decided and counted like any other: nothing is dropped.
 */
public final class Ingress {
    private static final int MIN_PAN_DIGITS = 12;
    private static final int MAX_PAN_DIGITS = 19;
    private static final long MILLIS_PER_DAY = 86_400_000L;
    /** No skew limit: given times are trusted. */
    public static final long TRUST_GIVEN_TIMES = Long.MAX_VALUE;
    /** Times outside years 1970 to 9999 are refused even when trusted: no calendar arithmetic overflows on them. */
    private static final long LATEST_MILLIS = 253_402_300_799_999L;

    private final CardFingerprinter fingerprinter;
    /** Personal identifiers are hashed with a key: an unkeyed hash of an IPv4 address reverses in minutes. */
    private final KeyedHash identifiers;
    private final long maxAmountMinor;
    private final LongSupplier epochMillisClock;
    private final long maxClockSkewMillis;
    private final Map<String, Currency> currencies = new HashMap<>();
    private final ThreadLocal<long[]> fingerprintScratch = ThreadLocal.withInitial(() -> new long[2]);

    /** An ingress that takes every given time as it is (replays and simulations); expiry is judged at that time. */
    public Ingress(final CardFingerprinter fingerprinter, final long maxAmountMinor,
        final LongSupplier epochMillisClock) {
        this(fingerprinter, maxAmountMinor, epochMillisClock, TRUST_GIVEN_TIMES);
    }

    /**
     * An ingress for live traffic: a given time more than {@code maxClockSkewMillis} away from the clock is refused
     * (30, {@link Rejection#TIME_OUT_OF_RANGE}), and expiry is judged by the clock, so a stale or future-dated request
     * can neither revive an expired card nor skew every later velocity window.
     */
    public Ingress(final CardFingerprinter fingerprinter, final long maxAmountMinor,
        final LongSupplier epochMillisClock, final long maxClockSkewMillis) {
        this.maxClockSkewMillis = maxClockSkewMillis;
        this.fingerprinter = fingerprinter;
        this.identifiers = fingerprinter.identifierHash();
        this.maxAmountMinor = maxAmountMinor;
        this.epochMillisClock = epochMillisClock;
        for (final Currency currency : Currency.getAvailableCurrencies()) {
            if (currency.getDefaultFractionDigits() >= 0) {
                currencies.put(currency.getCurrencyCode(), currency);
            }
        }
    }

    /** Fills the request part of {@code event} from an authorization request; never throws for bad input. */
    public void decodeAuthorization(final AuthorizationRequest request, final EngineEvent event) {
        event.requestId = request.requestId();
        final boolean timed = request.transmissionTimeMillis() != AuthorizationRequest.NO_TIME;
        final long now = timed && maxClockSkewMillis == TRUST_GIVEN_TIMES ? request.transmissionTimeMillis()
            : epochMillisClock.getAsLong();
        event.eventTimeMillis = timed ? request.transmissionTimeMillis() : now;
        event.rejection = decodeCard(request.pan(), request.cardReference(), event);
        final Rejection rest = decodeTransaction(request, event, now);
        if (event.rejection == null) {
            event.rejection = rest;
        }
    }

    /**
     * Fills the card fields of a control event from a card reference.
     *
     * @return null when the card could be read, otherwise why not
     */
    public Rejection decodeCard(final CardRef card, final EngineEvent event) {
        if (card.fingerprint() != null) {
            event.fingerprintHigh = card.fingerprint().high();
            event.fingerprintLow = card.fingerprint().low();
            return card.fingerprint().isNone() ? Rejection.MISSING_PAN : null;
        }
        return decodeCard(card.pan(), card.reference(), event);
    }

    /**
     * Fills a REPORT_FRAUD event from a fraud report.
     *
     * @return null when the card could be read, otherwise why not
     */
    public Rejection decodeFraudReport(final FraudReport report, final EngineEvent event) {
        event.eventTimeMillis = eventTime(report.reportTimeMillis());
        event.reportKind = report.kind();
        event.merchantKey = StableHash.of(report.merchantId());
        event.terminalKey = StableHash.of(report.merchantId(), report.terminalId());
        final Rejection card = decodeCard(report.card(), event);
        return card != null ? card : checkTime(report.reportTimeMillis());
    }

    /**
     * Fills a CLEAR_FLAG event.
     *
     * @return null when the card could be read, otherwise why not
     */
    public Rejection decodeClearFlag(final CardRef card, final long timeMillis, final EngineEvent event) {
        event.eventTimeMillis = eventTime(timeMillis);
        final Rejection problem = decodeCard(card, event);
        return problem != null ? problem : checkTime(timeMillis);
    }

    /**
     * Fills a LINK_TOKEN event: the token is the event's card, the card it stands for the linked fingerprint.
     *
     * @return null when both could be read, otherwise why the first that could not was refused
     */
    public Rejection decodeLinkToken(final CardRef token, final CardRef card, final long timeMillis,
        final EngineEvent event) {
        final Rejection cardProblem = decodeCard(card, event);
        event.linkedFingerprintHigh = event.fingerprintHigh;
        event.linkedFingerprintLow = event.fingerprintLow;
        event.fingerprintHigh = 0L;
        event.fingerprintLow = 0L;
        event.bin = 0;
        event.lastFour = 0;
        event.eventTimeMillis = eventTime(timeMillis);
        final Rejection tokenProblem = decodeCard(token, event);
        final Rejection problem = cardProblem != null ? cardProblem : tokenProblem;
        return problem != null ? problem : checkTime(timeMillis);
    }

    /** Fingerprint of a card number exactly as the engine computes it; for tools and tests. */
    public Fingerprint fingerprintOf(final String cardNumber) {
        final long[] out = fingerprintScratch.get();
        fingerprinter.fingerprint(cardNumber, out);
        return new Fingerprint(out[0], out[1]);
    }

    /** The event time for a control event: the given time, or the ingress clock when none was given. */
    public long eventTime(final long givenMillis) {
        return givenMillis == AuthorizationRequest.NO_TIME ? epochMillisClock.getAsLong() : givenMillis;
    }

    /** Why a given time cannot be taken (too far from the clock, or off the calendar), or null when it can. */
    private Rejection checkTime(final long givenMillis) {
        if (givenMillis == AuthorizationRequest.NO_TIME) {
            return null;
        }
        if (givenMillis < 0 || givenMillis > LATEST_MILLIS) {
            return Rejection.TIME_OUT_OF_RANGE;
        }
        if (maxClockSkewMillis == TRUST_GIVEN_TIMES) {
            return null;
        }
        final long now = epochMillisClock.getAsLong();
        return givenMillis < now - maxClockSkewMillis || givenMillis > now + maxClockSkewMillis
            ? Rejection.TIME_OUT_OF_RANGE : null;
    }

    private Rejection decodeCard(final String pan, final String reference, final EngineEvent event) {
        final long[] out = fingerprintScratch.get();
        if (pan != null && !pan.isEmpty()) {
            if (!isWellFormedPan(pan)) {
                return Rejection.INVALID_PAN;
            }
            fingerprinter.fingerprint(pan, out);
            event.bin = Integer.parseInt(pan, 0, 6, 10);
            event.lastFour = (short)Integer.parseInt(pan, pan.length() - 4, pan.length(), 10);
        } else if (reference != null && !reference.isEmpty()) {
            if (reference.length() > CardFingerprinter.MAX_CARD_CHARS) {
                return Rejection.INVALID_PAN;
            }
            fingerprinter.fingerprint(reference, out);
        } else {
            return Rejection.MISSING_PAN;
        }
        event.fingerprintHigh = out[0];
        event.fingerprintLow = out[1];
        return null;
    }

    private Rejection decodeTransaction(final AuthorizationRequest request, final EngineEvent event, final long now) {
        event.amountMinor = request.amountMinor();
        event.channel = request.channel();
        event.entryMode = request.entryMode();
        event.merchantKey = StableHash.of(request.merchantId());
        event.terminalKey = StableHash.of(request.merchantId(), request.terminalId());
        event.mcc = request.mcc();
        event.ipKey = identifiers.of(request.ipAddress());
        event.deviceKey = identifiers.of(request.deviceId());
        event.emailKey = identifiers.of(request.email());
        event.merchantCountry = CountryCodes.pack(request.merchantCountry());
        event.cardCountry = CountryCodes.pack(request.cardCountry());
        event.ipCountry = CountryCodes.pack(request.ipCountry());
        event.billingCountry = CountryCodes.pack(request.billingCountry());

        if (request.amountMinor() < 0) {
            return Rejection.AMOUNT_NEGATIVE;
        }
        if (request.amountMinor() > maxAmountMinor) {
            return Rejection.AMOUNT_TOO_LARGE;
        }
        final Currency currency = request.currency() == null ? null : currencies.get(request.currency());
        if (currency == null) {
            return Rejection.UNKNOWN_CURRENCY;
        }
        event.currencyNumeric = (short)currency.getNumericCode();
        event.currencyExponent = (byte)currency.getDefaultFractionDigits();
        if (request.channel() == null) {
            return Rejection.MISSING_CHANNEL;
        }
        if (request.entryMode() == null) {
            return Rejection.MISSING_ENTRY_MODE;
        }
        if (!request.entryMode().isAllowedOn(request.channel())) {
            return Rejection.ENTRY_MODE_CHANNEL_MISMATCH;
        }
        if (event.merchantKey == EngineEvent.NO_KEY) {
            return Rejection.MISSING_MERCHANT;
        }
        if (request.mcc() != AuthorizationRequest.NO_MCC && (request.mcc() < 0 || request.mcc() > 9999)) {
            return Rejection.INVALID_MCC;
        }
        if (event.merchantCountry == CountryCodes.INVALID || event.cardCountry == CountryCodes.INVALID
            || event.ipCountry == CountryCodes.INVALID || event.billingCountry == CountryCodes.INVALID) {
            return Rejection.INVALID_COUNTRY;
        }
        if (request.channel() == Channel.CNP && event.ipKey == EngineEvent.NO_KEY
            && event.deviceKey == EngineEvent.NO_KEY && event.emailKey == EngineEvent.NO_KEY
            && event.billingCountry == EngineEvent.UNKNOWN && event.ipCountry == EngineEvent.UNKNOWN) {
            return Rejection.CNP_WITHOUT_SIGNALS;
        }
        final Rejection time = checkTime(request.transmissionTimeMillis());
        return time != null ? time : checkExpiry(request.expiry(), now);
    }

    /** Whether the card has expired by {@code nowMillis}: the clock live, the recorded time on replay. */
    private static Rejection checkExpiry(final String expiry, final long nowMillis) {
        if (expiry == null || expiry.isEmpty()) {
            return null;
        }
        if (expiry.length() != 4 || !allDigits(expiry)) {
            return Rejection.INVALID_EXPIRY;
        }
        final int month = Integer.parseInt(expiry, 0, 2, 10);
        final int year = 2000 + Integer.parseInt(expiry, 2, 4, 10);
        if (month < 1 || month > 12) {
            return Rejection.INVALID_EXPIRY;
        }
        final LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(nowMillis, MILLIS_PER_DAY));
        final int nowMonths = today.getYear() * 12 + today.getMonthValue();
        return year * 12 + month < nowMonths ? Rejection.CARD_EXPIRED : null;
    }

    private static boolean isWellFormedPan(final String pan) {
        return pan.length() >= MIN_PAN_DIGITS && pan.length() <= MAX_PAN_DIGITS && allDigits(pan)
            && CardNumbers.passesLuhn(pan);
    }

    private static boolean allDigits(final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
