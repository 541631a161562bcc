package io.ringfence.load;

import io.ringfence.api.AuthorizationRequest;
import io.ringfence.synthetic.Cardholder;
import io.ringfence.synthetic.GeneratorConfig;
import io.ringfence.synthetic.SyntheticAuthorization;
import io.ringfence.synthetic.SyntheticCard;
import io.ringfence.synthetic.SyntheticEvent;
import io.ringfence.synthetic.SyntheticTraffic;
import io.ringfence.synthetic.TrafficGenerator;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The bench's load: one synthetic day of a population's authorizations (genuine spending and the fraud stories,
 * card-present and card-not-present), built into requests once before any measuring, and a few cardholders kept
 * out of it for the flag-to-block probe.
 *
 * <p>Request {@code k} of the run is the day's authorization {@code k mod n} (of {@code n}), in time order, with
 * the event time it had that day plus {@code k div n} days: the day repeats, each pass a day later.
 */
final class BenchTraffic {
    static final long DAY_MILLIS = 86_400_000L;
    /** Cardholders set aside for the flag-to-block probe; each is flagged, blocked and cleared in turn. */
    static final int PROBE_CARDHOLDERS = 16;

    private final AuthorizationRequest[] requests;
    private final long[] timesMillis;
    private final long dayStartMillis;
    private final List<Cardholder> probeCardholders;

    private BenchTraffic(final AuthorizationRequest[] requests, final long[] timesMillis, final long dayStartMillis,
        final List<Cardholder> probeCardholders) {
        this.requests = requests;
        this.timesMillis = timesMillis;
        this.dayStartMillis = dayStartMillis;
        this.probeCardholders = probeCardholders;
    }

    static BenchTraffic generate(final int cards, final long seed) {
        final GeneratorConfig config = GeneratorConfig.oneDay(cards, seed);
        final SyntheticTraffic day = TrafficGenerator.generate(config);
        final List<Cardholder> probes = probeCardholders(day);
        final Set<SyntheticCard> probeCards = Collections.newSetFromMap(new IdentityHashMap<>());
        probes.forEach(cardholder -> probeCards.add(cardholder.card()));
        final List<SyntheticAuthorization> load = new ArrayList<>(day.authorizations());
        for (final SyntheticEvent event : day.events()) {
            if (event instanceof SyntheticAuthorization authorization && !probeCards.contains(event.card())) {
                load.add(authorization);
            }
        }
        final AuthorizationRequest[] requests = new AuthorizationRequest[load.size()];
        final long[] times = new long[load.size()];
        for (int i = 0; i < requests.length; i++) {
            final SyntheticAuthorization authorization = load.get(i);
            times[i] = authorization.timeMillis();
            requests[i] = untimed(authorization).toRequest();
        }
        final long dayStart = config.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return new BenchTraffic(requests, times, dayStart, List.copyOf(probes));
    }

    /** Authorizations in the replayed day. */
    int size() {
        return requests.length;
    }

    /** The run's {@code k}-th request: it carries no time; send it at {@link #eventTimeMillis(long)}. */
    AuthorizationRequest request(final long k) {
        return requests[(int)(k % requests.length)];
    }

    /** Event time of the run's {@code k}-th request, epoch milliseconds. */
    long eventTimeMillis(final long k) {
        return timesMillis[(int)(k % requests.length)] + k / requests.length * DAY_MILLIS;
    }

    /** Midnight UTC before the first replayed event. */
    long dayStartMillis() {
        return dayStartMillis;
    }

    /** Cardholders kept out of the load, for the flag-to-block probe. */
    List<Cardholder> probeCardholders() {
        return probeCardholders;
    }

    /**
     * The last cardholders of the population who play no part in a fraud story, so the probe's flags and clears
     * never meet a story's own.
     */
    private static List<Cardholder> probeCardholders(final SyntheticTraffic day) {
        final Set<SyntheticCard> inStories = Collections.newSetFromMap(new IdentityHashMap<>());
        for (final SyntheticEvent event : day.events()) {
            if (!event.tag().isNormal()) {
                inStories.add(event.card());
            }
        }
        final List<Cardholder> all = day.population().cardholders();
        final List<Cardholder> probes = new ArrayList<>(PROBE_CARDHOLDERS);
        for (int i = all.size() - 1; i >= 0 && probes.size() < PROBE_CARDHOLDERS; i--) {
            if (!inStories.contains(all.get(i).card())) {
                probes.add(all.get(i));
            }
        }
        return probes;
    }

    /** The same authorization without a time: the engine stamps it from the {@link EventClock}. */
    private static SyntheticAuthorization untimed(final SyntheticAuthorization a) {
        return new SyntheticAuthorization(a.id(), AuthorizationRequest.NO_TIME, a.card(), a.amountMinor(),
            a.currency(), a.channel(), a.entryMode(), a.merchant(), a.terminalId(), a.ipAddress(), a.ipCountry(),
            a.deviceId(), a.email(), a.billingCountry(), a.tag());
    }
}
