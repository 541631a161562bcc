package io.ringfence;

import io.ringfence.api.JournalConfig;
import io.ringfence.api.StandInPolicy;
import io.ringfence.api.StoreCapacities;
import io.ringfence.api.WaitStrategyKind;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import io.ringfence.scoring.Scorer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Everything the engine is started with. Immutable; build with {@link #builder()}.
 *
 * <p>Capacities size the off-heap stores once at start: nothing grows while the engine runs.
 */
public final class EngineConfig {
    /** Default ring size: 16k slots, enough to absorb a burst of 16k requests before stand-in decisions. */
    public static final int RING_SIZE_DEFAULT = 16 * 1024;
    public static final Duration DEADLINE_DEFAULT = Duration.ofMillis(25);
    /** 10 billion minor units: 100 million in a two-decimal currency. */
    public static final long MAX_AMOUNT_MINOR_DEFAULT = 10_000_000_000L;
    public static final int MIN_FINGERPRINT_KEY_BYTES = 32;

    private final int ringSize;
    private final StoreCapacities capacities;
    private final WaitStrategyKind waitStrategy;
    private final StandInPolicy standInPolicy;
    private final Duration defaultDeadline;
    private final byte[] fingerprintKey;
    private final DecisionThresholds thresholds;
    private final Supplier<Scorer> scorerFactory;
    private final long maxAmountMinor;
    private final LongSupplier ingressEpochMillisClock;
    private final JournalConfig journal;

    private EngineConfig(final Builder b) {
        ringSize = b.ringSize;
        capacities = new StoreCapacities(b.cardCapacity, b.merchantCapacity, b.terminalCapacity, b.tokenCapacity);
        waitStrategy = b.waitStrategy;
        standInPolicy = b.standInPolicy;
        defaultDeadline = b.defaultDeadline;
        fingerprintKey = b.fingerprintKey.clone();
        thresholds = b.thresholds;
        scorerFactory = b.scorerFactory;
        maxAmountMinor = b.maxAmountMinor;
        ingressEpochMillisClock = b.ingressEpochMillisClock;
        journal = b.journal;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int ringSize() {
        return ringSize;
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

    /** A copy of the installation secret keying the card fingerprint. */
    public byte[] fingerprintKey() {
        return fingerprintKey.clone();
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
        return "EngineConfig{ringSize=" + ringSize + ", capacities=" + capacities + ", waitStrategy=" + waitStrategy
            + ", standInPolicy=" + standInPolicy + ", defaultDeadline=" + defaultDeadline
            + ", thresholds=" + thresholds + ", journal=" + journal + ", fingerprintKey=<" + fingerprintKey.length
            + " bytes>}";
    }

    /** Builder with production-sensible defaults for everything but the fingerprint key. */
    public static final class Builder {
        private int ringSize = RING_SIZE_DEFAULT;
        private int cardCapacity = StoreCapacities.CARDS_DEFAULT;
        private int merchantCapacity = StoreCapacities.MERCHANTS_DEFAULT;
        private int terminalCapacity = StoreCapacities.TERMINALS_DEFAULT;
        private int tokenCapacity = StoreCapacities.TOKENS_DEFAULT;
        private WaitStrategyKind waitStrategy = WaitStrategyKind.PHASED_BACKOFF;
        private StandInPolicy standInPolicy = StandInPolicy.FAIL_CLOSED;
        private Duration defaultDeadline = DEADLINE_DEFAULT;
        private byte[] fingerprintKey;
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

        /** All four store sizes at once. */
        public Builder capacities(final StoreCapacities capacities) {
            Objects.requireNonNull(capacities, "capacities");
            this.cardCapacity = capacities.cards();
            this.merchantCapacity = capacities.merchants();
            this.terminalCapacity = capacities.terminals();
            this.tokenCapacity = capacities.tokens();
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

        /** The installation secret (at least 32 bytes) keying the card fingerprint HMAC. */
        public Builder fingerprintKey(final byte[] key) {
            this.fingerprintKey = Objects.requireNonNull(key, "fingerprintKey").clone();
            return this;
        }

        /**
         * A fixed, publicly known key for demos and tests. Fingerprints made with it protect nothing: never use it
         * with real card numbers.
         */
        public Builder developmentFingerprintKey() {
            return fingerprintKey("ringfence-development-key-not-for-real-card-data!".getBytes(StandardCharsets.US_ASCII));
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
            if (defaultDeadline.isNegative() || defaultDeadline.isZero()) {
                throw new IllegalArgumentException("defaultDeadline must be positive, was " + defaultDeadline);
            }
            if (fingerprintKey == null) {
                throw new IllegalArgumentException(
                    "fingerprintKey is not set: give the installation secret, or developmentFingerprintKey() for demos");
            }
            if (fingerprintKey.length < MIN_FINGERPRINT_KEY_BYTES) {
                throw new IllegalArgumentException("fingerprintKey must be at least " + MIN_FINGERPRINT_KEY_BYTES
                    + " bytes, was " + fingerprintKey.length);
            }
            return new EngineConfig(this);
        }

        private static void requirePositive(final String name, final long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }
    }
}
