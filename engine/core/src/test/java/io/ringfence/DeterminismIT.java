package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.WaitStrategyKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.ringfence.TestRequests.DAY;
import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same input sequence through fresh engines gives the same decisions and the same state, whatever the wait
 * strategy and ring size; a different sequence gives a different state.
 */
@Timeout(120)
class DeterminismIT {
    private static final List<String> COUNTRIES = List.of("US", "US", "US", "GB", "FR", "DE");
    private static List<Function<Engine, String>> script;
    private static Run reference;

    /** What one run produced: one line per event, the final digest and the state dump. */
    private record Run(List<String> outcomes, long digest, String dump, EngineStats stats) {
    }

    @BeforeAll
    static void generateTheScriptAndRunItOnce() {
        script = generate(new Random(20240315L), 2_500);
        reference = run(smallEngine().build(), script);
    }

    @Test
    void theScriptExercisesEveryKindOfOutcome() {
        final EngineStats s = reference.stats();
        for (final String counter : List.of("decisions.action.APPROVE", "decisions.action.DECLINE",
            "decisions.action.REVIEW", "decisions.action.CHALLENGE", "flags.blocked.CP", "flags.cleared",
            "flags.raised.CNP_FRAUD_DECLINE", "flags.raised.FRAUD_REPORT", "flags.raised.CARD_TESTING",
            "token.links", "rejections.AMOUNT_NEGATIVE", "rejections.INVALID_PAN")) {
            assertTrue(s.counter(counter) > 0, counter + " never happened: the script is too tame");
        }
        assertEquals(0, s.counter("standin.deadline") + s.counter("standin.ring-full"));
    }

    @Test
    void aSecondFreshEngineGivesIdenticalDecisionsAndState() {
        assertSameRun(reference, run(smallEngine().build(), script));
    }

    @Test
    void theWaitStrategyAndRingSizeChangeNothing() {
        assertSameRun(reference, run(smallEngine().waitStrategy(WaitStrategyKind.BLOCKING).ringSize(2).build(), script));
        assertSameRun(reference, run(smallEngine().waitStrategy(WaitStrategyKind.SLEEPING).ringSize(16).build(), script));
        assertSameRun(reference, run(smallEngine().waitStrategy(WaitStrategyKind.YIELDING).ringSize(256).build(), script));
    }

    @Test
    void aDifferentSequenceGivesADifferentDigest() {
        final List<Function<Engine, String>> longer = new ArrayList<>(script);
        longer.add(authorize(cardPresent(TestCards.VISA, T0 + 400 * DAY).requestId("extra").build()));
        assertNotEquals(reference.digest(), run(smallEngine().build(), longer).digest());

        final List<Function<Engine, String>> changed = new ArrayList<>(script);
        changed.set(0, authorize(cardPresent(TestCards.VISA, T0).amountMinor(987_600).requestId("changed").build()));
        assertNotEquals(reference.digest(), run(smallEngine().build(), changed).digest());

        final List<Function<Engine, String>> shorter = new ArrayList<>(script.subList(0, script.size() - 1));
        assertNotEquals(reference.digest(), run(smallEngine().build(), shorter).digest());
    }

    private static void assertSameRun(final Run expected, final Run actual) {
        assertEquals(expected.outcomes().size(), actual.outcomes().size());
        for (int i = 0; i < expected.outcomes().size(); i++) {
            assertEquals(expected.outcomes().get(i), actual.outcomes().get(i), "event " + i);
        }
        assertEquals(expected.digest(), actual.digest());
        assertEquals(expected.dump(), actual.dump());
    }

    private static Run run(final EngineConfig config, final List<Function<Engine, String>> events) {
        try (Engine engine = Engine.start(config)) {
            final List<String> outcomes = new ArrayList<>(events.size());
            for (final Function<Engine, String> event : events) {
                outcomes.add(event.apply(engine));
            }
            final long digest = engine.stateDigest();
            return new Run(outcomes, digest, engine.stateDump(), engine.stats());
        }
    }

    /** A day-by-day mix of store and online traffic over 80 cards, with fraud, testing, reports, clears, links. */
    private static List<Function<Engine, String>> generate(final Random random, final int count) {
        final List<String> cards = TestCards.pans("431940", 80);
        final List<String> tokens = TestCards.pans("489537", 10);
        final List<Function<Engine, String>> events = new ArrayList<>();
        long time = T0;
        for (int i = 0; events.size() < count; i++) {
            time += random.nextInt(20) == 0 ? DAY / 2 : random.nextInt(15) * MINUTE + random.nextInt(60) * SECOND;
            final int c = random.nextInt(cards.size());
            final String pan = cards.get(c);
            final String home = COUNTRIES.get(c % COUNTRIES.size());
            final String id = "r-" + i;
            final int kind = random.nextInt(100);
            if (kind < 42) {
                final boolean abroad = random.nextInt(12) == 0;
                events.add(authorize(cardPresent(pan, time).requestId(id).cardCountry(home)
                    .merchantCountry(abroad ? COUNTRIES.get(random.nextInt(COUNTRIES.size())) : home)
                    .merchantId("store-" + random.nextInt(12)).terminalId("till-" + random.nextInt(3))
                    .entryMode(random.nextInt(10) == 0 ? EntryMode.SWIPE : EntryMode.CHIP)
                    .mcc(random.nextInt(15) == 0 ? 6051 : 5411)
                    .amountMinor(amount(random)).build()));
            } else if (kind < 78) {
                final boolean stranger = random.nextInt(8) == 0;
                events.add(authorize(cardNotPresent(pan, time).requestId(id).cardCountry(home)
                    .merchantId("shop-" + random.nextInt(10))
                    .deviceId(stranger ? "device-" + random.nextInt(1_000) : "device-" + c)
                    .ipCountry(stranger ? "RU" : home).billingCountry(random.nextInt(10) == 0 ? "NG" : home)
                    .amountMinor(random.nextInt(10) == 0 ? 200_000 + random.nextInt(800_000) : amount(random))
                    .build()));
            } else if (kind < 81) {
                for (int attempt = 0; attempt < 6; attempt++) {
                    events.add(authorize(cardNotPresent(pan, time + attempt * 30 * SECOND).requestId(id + "-" + attempt)
                        .cardCountry(home).merchantId("donations").amountMinor(100 + random.nextInt(100)).build()));
                }
            } else if (kind < 86) {
                final List<InvalidRequests.Case> invalid = InvalidRequests.all();
                events.add(authorize(invalid.get(random.nextInt(invalid.size())).request()));
            } else if (kind < 90) {
                final FraudReport report = new FraudReport(CardRef.pan(pan), FraudReportKind.values()[random.nextInt(3)],
                    time, "store-" + random.nextInt(12), "till-" + random.nextInt(3));
                events.add(engine -> ack(engine.reportFraud(report)));
            } else if (kind < 94) {
                final CardRef card = random.nextBoolean() ? CardRef.pan(pan) : CardRef.pan(tokens.get(c % tokens.size()));
                events.add(engine -> ack(engine.clearFlag(card)));
            } else if (kind < 96) {
                final CardRef token = CardRef.pan(tokens.get(random.nextInt(tokens.size())));
                events.add(engine -> ack(engine.linkToken(token, CardRef.pan(pan))));
            } else {
                events.add(authorize(cardPresent(tokens.get(random.nextInt(tokens.size())), time).requestId(id)
                    .entryMode(EntryMode.WALLET).amountMinor(amount(random)).build()));
            }
        }
        return events;
    }

    private static long amount(final Random random) {
        return Math.round(Math.exp(6.0 + 1.5 * random.nextGaussian()));
    }

    private static Function<Engine, String> authorize(final AuthorizationRequest request) {
        return engine -> {
            final Decision d = engine.authorize(request);
            return d.requestId() + ' ' + d.action() + ' ' + d.responseCode() + ' ' + d.score() + ' ' + d.reasons() + ' '
                + d.fingerprint() + ' ' + d.sequence() + ' ' + d.standIn() + ' ' + d.scorerVersion();
        };
    }

    private static String ack(final Ack ack) {
        return ack.status() + " " + ack.fingerprint() + ' ' + ack.sequence() + ' ' + ack.detail();
    }
}
