package io.ringfence.benchmarks;

import io.ringfence.api.Channel;
import io.ringfence.history.CardHistory;
import io.ringfence.history.CardRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Measures the card store on its own: find-or-insert of one card in the off-heap {@link CardHistory} (hash index
 * probe, LRU move to front, and on a miss an insert that evicts the least recently seen card) followed by the
 * record update every authorization makes ({@link CardRecord#recordAuthorization}: roll the ten windows forward,
 * add the amount, fold merchant and device into the sketches).
 *
 * <p>The store holds {@link #cards} cards, its capacity, all inserted in setup, so it is full as a production store
 * is after a while. Keys stand in for HMAC fingerprints (scrambled card numbers, as uniform as real ones); the
 * stream of keys an operation reads is drawn in setup and read in order, so the measured method computes and
 * allocates nothing but the store's own work. At 10 million cards the store is about 2.6 GB of direct memory
 * (244-byte records plus a 134 MB index), hence {@link ForkFlags#DIRECT_MEMORY_MAX}; every lookup then misses the
 * CPU caches, as it would in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {ForkFlags.NO_BOUNDS_CHECKS, ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX,
    ForkFlags.DIRECT_MEMORY_MAX})
public class CardHistoryBenchmark {
    /** Length of each pre-drawn key stream; a power of two, 32 MB of keys for both streams. */
    static final int KEYS = 1 << 20;
    private static final long SEED = 0x63617264L;
    private static final long START_SECOND = SyntheticTraffic.START_MILLIS / 1_000;
    private static final int BIN = 411111;
    private static final int LAST_FOUR = 1234;
    private static final long AMOUNT_MAJOR = 33;
    /** A new card's keys differ from the previous pass over the new-card stream by this, so they stay new. */
    private static final long PASS_SALT = 0x9E3779B97F4A7C15L;

    /** Cards in the store: its capacity, all present from setup on. */
    @Param({"1000000", "10000000"})
    public int cards;

    private final CardRecord record = new CardRecord();
    private final long[] knownHigh = new long[KEYS];
    private final long[] knownLow = new long[KEYS];
    private final long[] newHigh = new long[KEYS];
    private final long[] newLow = new long[KEYS];
    private CardHistory history;
    private int cursor;
    private long newCardSalt;
    private long op;
    private long inserts;

    /** Fills the store to capacity, shuffles its eviction order and draws both key streams. */
    @Setup(Level.Trial)
    public void setUp() {
        history = new CardHistory(cards);
        for (int c = 0; c < cards; c++) {
            history.create(fingerprintHigh(c), fingerprintLow(c), START_SECOND, BIN, LAST_FOUR, record);
        }
        // Inserted in record order, the least-recently-seen list would hand eviction its victims in memory order,
        // prefetched for free; seeing every card once in a scattered order makes it as unrelated to memory as in
        // a store that has run for a while.
        final int stride = SyntheticTraffic.strideFor(cards);
        for (int seen = 0, c = 0; seen < cards; seen++) {
            history.find(fingerprintHigh(c), fingerprintLow(c), record);
            c += stride;
            if (c >= cards) {
                c -= cards;
            }
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int k = 0; k < KEYS; k++) {
            final int card = random.nextInt(cards);
            knownHigh[k] = fingerprintHigh(card);
            knownLow[k] = fingerprintLow(card);
            newHigh[k] = random.nextLong();
            newLow[k] = random.nextLong();
        }
        System.out.printf("%n[card-history] %d cards, %.0f bytes per card, %.2f GB off-heap%n", history.size(),
            history.bytesPerCard(), history.bytesPerCard() * history.capacity() / 1e9);
    }

    /** Shows that known cards all hit and new cards all inserted, so each method measured the path it names. */
    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println();
        System.out.println("[card-history] ops=" + op + " inserts=" + inserts + " evictions=" + history.evictions()
            + " cards=" + history.size() + "/" + history.capacity());
    }

    /** Find and update of a random card already in the store: the hit path of every repeat authorization, ns/op. */
    @Benchmark
    public long knownCard() {
        final int k = nextKey();
        return authorize(knownHigh[k], knownLow[k]);
    }

    /** Find-or-insert and update of a card never seen: miss, evict the least recently seen card, insert, ns/op. */
    @Benchmark
    public long newCard() {
        final int k = nextKey();
        if (k == 0) {
            newCardSalt += PASS_SALT;
        }
        return authorize(newHigh[k] ^ newCardSalt, newLow[k]);
    }

    private int nextKey() {
        final int k = cursor;
        cursor = (k + 1) & (KEYS - 1);
        return k;
    }

    /** What the business logic does to the card store per authorization, three in four card-present. */
    private long authorize(final long high, final long low) {
        final long now = START_SECOND + op / 2;
        if (!history.find(high, low, record)) {
            history.create(high, low, now, BIN, LAST_FOUR, record);
            inserts++;
        }
        final boolean cardPresent = (op & 3) != 0;
        record.recordAuthorization(now, cardPresent ? Channel.CP : Channel.CNP, AMOUNT_MAJOR, false, false,
            cardPresent, op * PASS_SALT, cardPresent ? 0L : op);
        op++;
        return record.lastSeen();
    }

    /** A card's stand-in fingerprint: distinct per card (an odd multiplier is a bijection), spread by the scramble. */
    private static long fingerprintHigh(final int card) {
        return scramble(card * PASS_SALT);
    }

    private static long fingerprintLow(final int card) {
        return scramble(~(long)card);
    }

    /** A 64-bit finaliser: every input bit affects every output bit. */
    private static long scramble(final long value) {
        long h = value;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
