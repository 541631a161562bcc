package io.ringfence;

import io.ringfence.api.JournalConfig;
import io.ringfence.api.StandInPolicy;
import io.ringfence.api.StoreCapacities;
import io.ringfence.api.ThreadingMode;
import io.ringfence.api.WaitStrategyKind;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import io.ringfence.scoring.Scorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything the engine is started with. Immutable; build with {@link #builder()}.
 *
 * <p>Capacities size the off-heap stores once at start: nothing grows while the engine runs.
 */
public final class EngineConfig {
    /** Default ring size: 16k slots, enough to absorb a burst of 16k requests before stand-in decisions. */
    public static final int RING_SIZE_DEFAULT = 16 * 1024;
    public static final Duration DEADLINE_DEFAULT = Duration.ofMillis(25);
    /** A retry within a day gets the first answer. */
    public static final Duration IDEMPOTENCY_WINDOW_DEFAULT = Duration.ofHours(24);
    /** A live request's own time may differ from the engine's clock by this much. */
    public static final Duration MAX_CLOCK_SKEW_DEFAULT = Duration.ofMinutes(5);
    /** A waiting caller spins this long: most decisions arrive within it, and a park/unpark costs 70–85 µs. */
    public static final Duration CALLER_SPIN_DEFAULT = Duration.ofNanos(50_000);
    /** Then yields this long before it parks. */
    public static final Duration CALLER_YIELD_DEFAULT = Duration.ofNanos(500_000);
    /** 10 billion minor units: 100 million in a two-decimal currency. */
    public static final long MAX_AMOUNT_MINOR_DEFAULT = 10_000_000_000L;
    public static final int MIN_FINGERPRINT_KEY_BYTES = 32;
    private static final byte[] DEVELOPMENT_KEY = CardFingerprinter.developmentKey();
    private static final byte[] KEY_CHECK_MESSAGE = "ringfence key check v1".getBytes(StandardCharsets.US_ASCII);

    private final int ringSize;
    private final StoreCapacities capacities;
    private final WaitStrategyKind waitStrategy;
    private final StandInPolicy standInPolicy;
    private final Duration defaultDeadline;
    private final byte[] fingerprintKey;
    private final String keyCheckValue;
    private final DecisionThresholds thresholds;
    private final Supplier<Scorer> scorerFactory;
    private final long maxAmountMinor;
    private final LongSupplier ingressEpochMillisClock;
    private final JournalConfig journal;
    private final Duration idempotencyWindow;
    private final Duration maxClockSkew;
    private final ThreadingMode threadingMode;
    private final Duration callerSpin;
    private final Duration callerYield;
    private final boolean singleProducer;
    private final boolean pinEngineThread;

    private EngineConfig(final Builder b) {
        ringSize = b.ringSize;
        capacities = new StoreCapacities(b.cardCapacity, b.merchantCapacity, b.terminalCapacity, b.tokenCapacity,
            b.flagCapacity, b.requestCapacity);
        waitStrategy = b.waitStrategy != null ? b.waitStrategy : b.threadingMode == ThreadingMode.SHARED
            ? WaitStrategyKind.YIELDING : WaitStrategyKind.PHASED_BACKOFF;
        standInPolicy = b.standInPolicy;
        defaultDeadline = b.defaultDeadline;
        fingerprintKey = b.fingerprintKey.clone();
        keyCheckValue = keyCheckValue(fingerprintKey);
        thresholds = b.thresholds;
        scorerFactory = b.scorerFactory;
        maxAmountMinor = b.maxAmountMinor;
        ingressEpochMillisClock = b.ingressEpochMillisClock;
        journal = b.journal;
        idempotencyWindow = b.idempotencyWindow;
        maxClockSkew = b.maxClockSkew;
        threadingMode = b.threadingMode;
        callerSpin = b.callerSpin;
        callerYield = b.callerYield;
        singleProducer = b.singleProducer;
        pinEngineThread = b.pinEngineThread;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int ringSize() {
        return ringSize;
    }

    /** How the stages map to threads. */
    public ThreadingMode threadingMode() {
        return threadingMode;
    }

    /** How long a caller waiting for its decision spins before it yields. */
    public Duration callerSpin() {
        return callerSpin;
    }

    /** How long a waiting caller then yields before it parks. */
    public Duration callerYield() {
        return callerYield;
    }

    /** Whether exactly one thread publishes into the ring (a front door's I/O thread): a cheaper claim. */
    public boolean singleProducer() {
        return singleProducer;
    }

    /** Whether the engine thread (SHARED) or business-logic thread (DEDICATED) asks for a CPU of its own. */
    public boolean pinEngineThread() {
        return pinEngineThread;
    }

    /** How far a request's own time may be from the engine's clock; null when given times are trusted. */
    public Duration maxClockSkew() {
        return maxClockSkew;
    }

    public Duration idempotencyWindow() {
        return idempotencyWindow;
    }

    public StoreCapacities capacities() {
        return capacities;
    }

    public WaitStrategyKind waitStrategy() {
        return waitStrategy;
    }

    public StandInPolicy standInPolicy() {
        return standInPolicy;
    }

    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    /**
     * The installation secret: only the engine's own façades read it (package access); no public method returns it,
     * and {@link #toString()} shows its length and key-check value only.
     */
    byte[] fingerprintKey() {
        return fingerprintKey.clone();
    }

    /**
     * A keyed hash of a constant under the fingerprint key (16 hex digits): identifies the key in journals and logs, so
     * a journal written under another key can be refused, without revealing anything of the key.
     */
    public String keyCheckValue() {
        return keyCheckValue;
    }

    /** Whether the publicly known development key is in use: fingerprints made with it protect nothing. */
    public boolean usesDevelopmentKey() {
        return Arrays.equals(fingerprintKey, DEVELOPMENT_KEY);
    }

    public DecisionThresholds thresholds() {
        return thresholds;
    }

    public Supplier<Scorer> scorerFactory() {
        return scorerFactory;
    }

    public long maxAmountMinor() {
        return maxAmountMinor;
    }

    /** The clock ingress stamps requests with when they carry no transmission time. */
    public LongSupplier ingressEpochMillisClock() {
        return ingressEpochMillisClock;
    }

    /** Where and how to journal, or null for an engine that keeps its state in memory only. */
    public JournalConfig journal() {
        return journal;
    }

    @Override
    public String toString() {
        return "EngineConfig{ringSize=" + ringSize + ", capacities=" + capacities + ", threading=" + threadingMode
            + (singleProducer ? " single-producer" : "") + (pinEngineThread ? " pinned" : "")
            + ", waitStrategy=" + waitStrategy + ", callerSpin=" + callerSpin + ", callerYield=" + callerYield
            + ", standInPolicy=" + standInPolicy + ", defaultDeadline=" + defaultDeadline
            + ", thresholds=" + thresholds + ", journal=" + journal + ", fingerprintKey=<" + fingerprintKey.length
            + " bytes, check " + keyCheckValue + (usesDevelopmentKey() ? ", THE PUBLIC DEVELOPMENT KEY" : "") + ">}";
    }

    /** A new installation secret: 32 bytes from a strong random source, as 64 hex digits. */
    public static String newFingerprintKeyHex() {
        final byte[] key = new byte[MIN_FINGERPRINT_KEY_BYTES];
        try {
            SecureRandom.getInstanceStrong().nextBytes(key);
        } catch (final GeneralSecurityException e) {
            new SecureRandom().nextBytes(key);
        }
        return HexFormat.of().formatHex(key);
    }

    /** The first 8 bytes of HMAC-SHA256(key, a constant), as hex. */
    private static String keyCheckValue(final byte[] key) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(KEY_CHECK_MESSAGE), 0, 8);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Builder with production-sensible defaults for everything but the fingerprint key. */
    public static final class Builder {
        private int ringSize = RING_SIZE_DEFAULT;
        private int cardCapacity = StoreCapacities.CARDS_DEFAULT;
        private int merchantCapacity = StoreCapacities.MERCHANTS_DEFAULT;
        private int terminalCapacity = StoreCapacities.TERMINALS_DEFAULT;
        private int tokenCapacity = StoreCapacities.TOKENS_DEFAULT;
        private int flagCapacity = StoreCapacities.FLAGS_DEFAULT;
        private int requestCapacity = StoreCapacities.REQUESTS_DEFAULT;
        private Duration idempotencyWindow = IDEMPOTENCY_WINDOW_DEFAULT;
        private Duration maxClockSkew = MAX_CLOCK_SKEW_DEFAULT;
        private ThreadingMode threadingMode = ThreadingMode.forProcessors(Runtime.getRuntime().availableProcessors());
        private WaitStrategyKind waitStrategy;
        private Duration callerSpin = CALLER_SPIN_DEFAULT;
        private Duration callerYield = CALLER_YIELD_DEFAULT;
        private boolean singleProducer;
        private boolean pinEngineThread;
        private StandInPolicy standInPolicy = StandInPolicy.FAIL_CLOSED;
        private Duration defaultDeadline = DEADLINE_DEFAULT;
        private byte[] fingerprintKey;
        private boolean developmentKeyWithJournal;
        private DecisionThresholds thresholds = DecisionThresholds.DEFAULT;
        private Supplier<Scorer> scorerFactory = BuiltInPolicyScorer::new;
        private long maxAmountMinor = MAX_AMOUNT_MINOR_DEFAULT;
        private LongSupplier ingressEpochMillisClock = System::currentTimeMillis;
        private JournalConfig journal;

        private Builder() {
        }

        /** Ring slots; a power of two. */
        public Builder ringSize(final int ringSize) {
            this.ringSize = ringSize;
            return this;
        }

        /** Every store size at once. */
        public Builder capacities(final StoreCapacities capacities) {
            Objects.requireNonNull(capacities, "capacities");
            this.cardCapacity = capacities.cards();
            this.merchantCapacity = capacities.merchants();
            this.terminalCapacity = capacities.terminals();
            this.tokenCapacity = capacities.tokens();
            this.flagCapacity = capacities.flags();
            this.requestCapacity = capacities.requests();
            return this;
        }

        public Builder cardCapacity(final int cardCapacity) {
            this.cardCapacity = cardCapacity;
            return this;
        }

        public Builder merchantCapacity(final int merchantCapacity) {
            this.merchantCapacity = merchantCapacity;
            return this;
        }

        public Builder terminalCapacity(final int terminalCapacity) {
            this.terminalCapacity = terminalCapacity;
            return this;
        }

        public Builder tokenCapacity(final int tokenCapacity) {
            this.tokenCapacity = tokenCapacity;
            return this;
        }

        /**
         * Flagged cards (and token links to them) the engine keeps apart from the card history, so no churn of the card
         * store forgets one. The store never evicts: size it for every flag you expect to hold until cleared.
         */
        public Builder flagCapacity(final int flagCapacity) {
            this.flagCapacity = flagCapacity;
            return this;
        }

        /**
         * How far a request's or report's own time may be from the engine's clock before it is refused (30, time out of
         * range); expiry is then judged by the clock too. Default five minutes.
         */
        public Builder maxClockSkew(final Duration maxClockSkew) {
            this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
            return this;
        }

        /**
         * Takes every request's own time as it is, and judges expiry by it: for simulations and tests that drive an
         * engine through days of synthetic time in seconds. Not for live traffic, where a stale or future-dated request
         * would revive an expired card or skew every later velocity window.
         */
        public Builder trustEventTimes() {
            this.maxClockSkew = null;
            return this;
        }

        /** Decided requests remembered for retries (by merchant and request id); the oldest go first when full. */
        public Builder requestCapacity(final int requestCapacity) {
            this.requestCapacity = requestCapacity;
            return this;
        }

        /**
         * How long a retry (same merchant and request id) gets the first answer and changes nothing; the same id with
         * other content within it is declined 94.
         */
        public Builder idempotencyWindow(final Duration idempotencyWindow) {
            this.idempotencyWindow = Objects.requireNonNull(idempotencyWindow, "idempotencyWindow");
            return this;
        }

        /**
         * How the stages map to threads; by default {@link ThreadingMode#SHARED} on {@value
         * ThreadingMode#SHARED_UP_TO_PROCESSORS} processors or fewer, {@link ThreadingMode#DEDICATED} above.
         */
        public Builder threadingMode(final ThreadingMode threadingMode) {
            this.threadingMode = Objects.requireNonNull(threadingMode, "threadingMode");
            return this;
        }

        /**
         * How a caller waits for its decision: it spins for {@code spin}, then yields for {@code yield}, then parks
         * until its deadline. Spinning answers fastest but holds a CPU: on two cores, keep spinning callers to one.
         */
        public Builder callerWait(final Duration spin, final Duration yield) {
            this.callerSpin = Objects.requireNonNull(spin, "spin");
            this.callerYield = Objects.requireNonNull(yield, "yield");
            return this;
        }

        /**
         * Promises that only one thread at a time calls the engine (a front door's single I/O thread, a load agent):
         * the ring then claims slots without a compare-and-set. Calls from several threads at once would corrupt the
         * ring, so only an owner of all traffic may promise it.
         */
        public Builder singleProducer(final boolean singleProducer) {
            this.singleProducer = singleProducer;
            return this;
        }

        /**
         * Asks for a CPU of its own for the thread that runs the business logic (OpenHFT Java-Thread-Affinity).
         * Where pinning is not available the engine says so in one log line and runs unpinned.
         */
        public Builder pinEngineThread(final boolean pinEngineThread) {
            this.pinEngineThread = pinEngineThread;
            return this;
        }

        /**
         * How stage threads wait for the next event; by default {@link WaitStrategyKind#YIELDING} with one engine
         * thread ({@link ThreadingMode#SHARED}, which never parks), {@link WaitStrategyKind#PHASED_BACKOFF} with a
         * thread per stage.
         */
        public Builder waitStrategy(final WaitStrategyKind waitStrategy) {
            this.waitStrategy = Objects.requireNonNull(waitStrategy, "waitStrategy");
            return this;
        }

        public Builder standInPolicy(final StandInPolicy standInPolicy) {
            this.standInPolicy = Objects.requireNonNull(standInPolicy, "standInPolicy");
            return this;
        }

        public Builder defaultDeadline(final Duration defaultDeadline) {
            this.defaultDeadline = Objects.requireNonNull(defaultDeadline, "defaultDeadline");
            return this;
        }

        /**
         * The installation secret, as hex (at least 64 digits: 32 random bytes, as {@code ringfence keygen} prints),
         * read from a file: surrounding whitespace is ignored.
         *
         * @throws IllegalArgumentException when the file cannot be read or does not hold such a key; the message never
         *     shows the file's content
         */
        public Builder fingerprintKeyFile(final Path file) {
            final String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (final IOException | UncheckedIOException e) {
                throw new IllegalArgumentException("fingerprint key file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
            }
            return fingerprintKey(parseHexKey(text, "fingerprint key file " + file));
        }

        /**
         * The installation secret, as hex, from the environment variable {@code name}.
         *
         * @throws IllegalArgumentException when the variable is unset or does not hold such a key
         */
        public Builder fingerprintKeyFromEnvironment(final String name) {
            final String text = System.getenv(name);
            if (text == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return fingerprintKey(parseHexKey(text, "environment variable " + name));
        }

        /**
         * Allows the public development key together with a journal: a demo's journal of test cards. Never with real
         * card numbers: anyone can recompute every fingerprint in that journal.
         */
        public Builder insecureDevelopmentKeyWithJournal() {
            this.developmentKeyWithJournal = true;
            return this;
        }

        /** The installation secret (at least 32 bytes) keying the card fingerprint HMAC. */
        public Builder fingerprintKey(final byte[] key) {
            this.fingerprintKey = Objects.requireNonNull(key, "fingerprintKey").clone();
            return this;
        }

        /**
         * A fixed, publicly known key for demos and tests. Fingerprints made with it protect nothing: never use it
         * with real card numbers. Refused with a journal unless {@link #insecureDevelopmentKeyWithJournal()} says so
         * explicitly, and logged when an engine starts with it.
         */
        public Builder developmentFingerprintKey() {
            return fingerprintKey(DEVELOPMENT_KEY);
        }

        public Builder thresholds(final DecisionThresholds thresholds) {
            this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        /** Makes the scorer the business-logic thread owns; called once per engine start. */
        public Builder scorer(final Supplier<Scorer> scorerFactory) {
            this.scorerFactory = Objects.requireNonNull(scorerFactory, "scorerFactory");
            return this;
        }

        public Builder maxAmountMinor(final long maxAmountMinor) {
            this.maxAmountMinor = maxAmountMinor;
            return this;
        }

        public Builder ingressEpochMillisClock(final LongSupplier clock) {
            this.ingressEpochMillisClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Journals every input and decision and recovers state on start; null (the default) keeps state in memory. */
        public Builder journal(final JournalConfig journal) {
            this.journal = journal;
            return this;
        }

        /** Checks the settings and builds; every problem is reported by name. */
        public EngineConfig build() {
            if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
                throw new IllegalArgumentException("ringSize must be a power of two of at least 2, was " + ringSize);
            }
            requirePositive("maxAmountMinor", maxAmountMinor);
            if (maxClockSkew != null && maxClockSkew.isNegative()) {
                throw new IllegalArgumentException("maxClockSkew must not be negative, was " + maxClockSkew);
            }
            if (idempotencyWindow.isNegative()) {
                throw new IllegalArgumentException("idempotencyWindow must not be negative, was " + idempotencyWindow);
            }
            if (defaultDeadline.isNegative() || defaultDeadline.isZero()) {
                throw new IllegalArgumentException("defaultDeadline must be positive, was " + defaultDeadline);
            }
            if (callerSpin.isNegative() || callerYield.isNegative()) {
                throw new IllegalArgumentException("callerWait spin and yield must not be negative, were " + callerSpin
                    + " and " + callerYield);
            }
            if (fingerprintKey == null) {
                throw new IllegalArgumentException(
                    "fingerprintKey is not set: give the installation secret, or developmentFingerprintKey() for demos");
            }
            if (fingerprintKey.length < MIN_FINGERPRINT_KEY_BYTES) {
                throw new IllegalArgumentException("fingerprintKey must be at least " + MIN_FINGERPRINT_KEY_BYTES
                    + " bytes, was " + fingerprintKey.length);
            }
            if (journal != null && Arrays.equals(fingerprintKey, DEVELOPMENT_KEY) && !developmentKeyWithJournal) {
                throw new IllegalArgumentException("fingerprintKey is the public development key and a journal is"
                    + " configured: give the installation secret (fingerprintKeyFile, fingerprintKeyFromEnvironment),"
                    + " or insecureDevelopmentKeyWithJournal() for a demo");
            }
            return new EngineConfig(this);
        }

        private static byte[] parseHexKey(final String text, final String source) {
            final String hex = text.strip();
            if (hex.length() < 2 * MIN_FINGERPRINT_KEY_BYTES || hex.length() % 2 != 0
                || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException(source + " does not hold a key: expected at least "
                    + 2 * MIN_FINGERPRINT_KEY_BYTES + " hex digits (ringfence keygen prints one)");
            }
            return HexFormat.of().parseHex(hex);
        }

        private static void requirePositive(final String name, final long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }
    }
}
