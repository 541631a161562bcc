package io.ringfence.benchmarks;

import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.LatencySummary;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One caller's traffic for the round-trip latency benchmarks, whatever pipeline is under test: {@value #REQUESTS}
 * requests built once, over a card population visited in a scattered stride, every card authorized once through the
 * pipeline before measuring so lookups hit. Requests carry no transmission time; the pipeline's ingress clock is a
 * simulated one ({@link #engineConfig()}), so history windows roll as in {@link BusinessLogicStepBenchmark}
 * rather than piling a whole run into one minute.
 */
final class RoundTripTraffic {
    /** Pre-built requests the benchmarks cycle through; a power of two. */
    static final int REQUESTS = 1 << 17;
    private static final int WARM_UP_STAND_IN_LIMIT_PERCENT = 1;

    private final AuthorizationRequest[] requests = new AuthorizationRequest[REQUESTS];
    private int next;

    /**
     * Authorizes each of {@code cards} cards once through {@code pipeline}, then builds the requests.
     *
     * <p>A few stand-ins are expected while the pipeline warms up (a journal creating its first file can miss the
     * deadline); the late decision is still applied, so the card is still known. More than
     * {@value #WARM_UP_STAND_IN_LIMIT_PERCENT}% stand-ins means the pipeline is not deciding at all.
     *
     * @param pipeline answers one request; null or a {@link Decision#standIn()} decision for a stand-in
     * @throws IllegalStateException when too many warm-up requests got a stand-in
     */
    RoundTripTraffic(final int cards, final Function<AuthorizationRequest, Decision> pipeline) {
        final SyntheticTraffic traffic = new SyntheticTraffic();
        final String[] pans = new String[cards];
        final String[] devices = new String[cards];
        int standIns = 0;
        for (int c = 0; c < cards; c++) {
            pans[c] = SyntheticTraffic.pan(c);
            devices[c] = SyntheticTraffic.homeDevice(c);
            final Decision warm = pipeline.apply(traffic.request(c & SyntheticTraffic.TEMPLATE_MASK, pans[c],
                devices[c], null));
            if (warm == null || warm.standIn()) {
                standIns++;
            }
        }
        if (standIns > (long)cards * WARM_UP_STAND_IN_LIMIT_PERCENT / 100) {
            throw new IllegalStateException(standIns + " of " + cards + " warm-up requests got a stand-in");
        }
        if (standIns > 0) {
            System.out.println("[warm-up] " + standIns + " of " + cards + " requests got a stand-in");
        }
        final int stride = SyntheticTraffic.strideFor(cards);
        int card = 0;
        for (int r = 0; r < REQUESTS; r++) {
            requests[r] = traffic.request(r & SyntheticTraffic.TEMPLATE_MASK, pans[card], devices[card], "req-" + r);
            card += stride;
            if (card >= cards) {
                card -= cards;
            }
        }
    }

    /** The next request of the cycle. */
    AuthorizationRequest next() {
        final AuthorizationRequest request = requests[next];
        next = (next + 1) & (REQUESTS - 1);
        return request;
    }

    /**
     * The settings every round-trip benchmark starts from: engine defaults, the development fingerprint key, and an
     * ingress clock advancing {@value SyntheticTraffic#STEP_MILLIS} ms per request.
     */
    static EngineConfig.Builder engineConfig() {
        final AtomicLong simulatedMillis = new AtomicLong(SyntheticTraffic.START_MILLIS);
        return EngineConfig.builder()
            .developmentFingerprintKey()
            .trustEventTimes()
            .insecureDevelopmentKeyWithJournal()
            .ingressEpochMillisClock(() -> simulatedMillis.addAndGet(SyntheticTraffic.STEP_MILLIS));
    }

    /** Prints a run's decision mix, stand-ins and the pipeline's own ingress-to-release latency, in one line. */
    static void report(final String label, final Map<String, Long> counters, final LatencySummary latency) {
        System.out.println();
        System.out.println("[" + label + "] " + SyntheticTraffic.summarise(counters, "decisions.action.", "flags.",
            "standin.", "decisions.late", "rejections.", "errors.") + " pipelineLatency=" + latency.toMicrosLine());
    }
}
