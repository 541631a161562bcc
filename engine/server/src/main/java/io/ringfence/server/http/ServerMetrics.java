package io.ringfence.server.http;

import io.ringfence.Engine;
import io.ringfence.api.Action;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.EngineStats;
import io.ringfence.api.ResponseCode;
import io.ringfence.server.DoorStats;
import io.ringfence.server.EngineDoor;
import io.ringfence.server.ServerContext;
import io.ringfence.server.ServerState;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /metrics}: the server, both doors, the I/O thread's door into the engine, and the engine's own
 * counters, as Prometheus text. Rendered on the I/O thread, because the door statistics and the engine door are
 * confined to it; a scrape every few seconds costs it a few tens of microseconds.
 */
final class ServerMetrics {
    /** Latency bucket bounds in seconds: 10 µs to 10 s, where a decision's deadline and its stand-in sit. */
    static final double[] LATENCY_BOUNDS = {0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** Engine counters that go up and down. */
    private static final Set<EngineCounter> GAUGES = EnumSet.of(EngineCounter.CARDS_HELD, EngineCounter.FLAGS_HELD);

    /** Engine counter families (label prefix), each rendered as one metric with a label. */
    private static final String[][] FAMILIES = {
        {"decisions.action.", "ringfence_engine_decisions_by_action_total", "action",
            "Decisions the engine made, by action (replayed events included)."},
        {"decisions.code.", "ringfence_engine_decisions_by_code_total", "code",
            "Decisions the engine made, by response code (replayed events included)."},
        {"rejections.", "ringfence_engine_rejections_total", "reason",
            "Malformed authorizations declined at ingress, by reason."},
        {"flags.raised.", "ringfence_engine_flags_raised_total", "reason", "Flags raised on cards, by reason."},
        {"rules.hits.", "ringfence_engine_rule_hits_total", "rule", "Decisions made by each rule in force."},
        {"rules.shadow.", "ringfence_engine_rule_shadow_hits_total", "rule", "Matches of each shadow rule."},
    };

    private ServerMetrics() {
    }

    static String render(final ServerContext context) {
        final PrometheusText text = new PrometheusText();
        final ServerState state = context.state();
        text.family("ringfence_server_ready", "gauge", "1 while the server takes requests, 0 while starting or draining.")
            .sample("ringfence_server_ready", state == ServerState.READY ? 1 : 0);
        doors(text, context.isoStats(), context.httpStats());
        final EngineDoor door = context.engineDoor();
        if (door != null) {
            engineDoor(text, door);
        }
        final Engine engine = context.engine();
        if (engine != null) {
            engine(text, engine.stats());
        }
        return text.toString();
    }

    static void doors(final PrometheusText text, final DoorStats... doors) {
        text.family("ringfence_door_connections_open", "gauge", "Connections open now, by door.");
        for (final DoorStats door : doors) {
            text.sample("ringfence_door_connections_open", door.connectionsOpen(), "door", door.door());
        }
        text.family("ringfence_door_connections_accepted_total", "counter", "Connections accepted since start, by door.");
        for (final DoorStats door : doors) {
            text.sample("ringfence_door_connections_accepted_total", door.connectionsAccepted(), "door", door.door());
        }
        text.family("ringfence_door_messages_total", "counter", "Requests or messages received, by door.");
        for (final DoorStats door : doors) {
            text.sample("ringfence_door_messages_total", door.messages(), "door", door.door());
        }
        text.family("ringfence_door_errors_total", "counter",
            "Protocol errors by door and kind (bad_request, too_large, unauthorized, not_found, idle_close, ...).");
        for (final DoorStats door : doors) {
            door.errors().forEach((kind, count) ->
                text.sample("ringfence_door_errors_total", count, "door", door.door(), "kind", kind));
        }
    }

    static void engineDoor(final PrometheusText text, final EngineDoor door) {
        text.family("ringfence_answers_total", "counter",
            "Authorizations answered through the doors, by action and response code, stand-ins included.");
        for (final Action action : EngineDoor.actions()) {
            for (final ResponseCode code : EngineDoor.codes()) {
                text.sample("ringfence_answers_total", door.answered(action, code), "action", action.name(),
                    "code", code.code());
            }
        }
        text.family("ringfence_stand_ins_total", "counter",
            "Authorizations answered through the doors with a stand-in decision.")
            .sample("ringfence_stand_ins_total", door.standIns());
        text.family("ringfence_door_refused_full_total", "counter",
            "Authorizations refused because the doors' in-flight limit was reached (HTTP 503).")
            .sample("ringfence_door_refused_full_total", door.refusedFull());
        text.family("ringfence_in_flight", "gauge", "Authorizations submitted through the doors and not yet answered.")
            .sample("ringfence_in_flight", door.inFlight());
        text.histogram("ringfence_answer_latency_seconds",
            "From submission to the engine to the answer, on the I/O thread, in seconds.", door.engineLatency(),
            LATENCY_BOUNDS);
    }

    static void engine(final PrometheusText text, final EngineStats stats) {
        final Map<String, Long> counters = new TreeMap<>(stats.counters());
        for (final EngineCounter counter : EngineCounter.values()) {
            final Long value = counters.remove(counter.label());
            if (value != null) {
                final boolean gauge = GAUGES.contains(counter);
                final String name = "ringfence_" + snake(counter.label()) + (gauge ? "" : "_total");
                text.family(name, gauge ? "gauge" : "counter", "Engine counter " + counter.label() + '.')
                    .sample(name, value);
            }
        }
        for (final String[] family : FAMILIES) {
            text.family(family[1], "counter", family[3]);
            counters.entrySet().removeIf(counter -> {
                if (!counter.getKey().startsWith(family[0])) {
                    return false;
                }
                text.sample(family[1], counter.getValue(), family[2], counter.getKey().substring(family[0].length()));
                return true;
            });
        }
        if (!counters.isEmpty()) {
            text.family("ringfence_engine_counter", "untyped", "Other engine counters, by label.");
            counters.forEach((label, value) -> text.sample("ringfence_engine_counter", value, "label", label));
        }
        text.family("ringfence_model_info", "gauge", "The active scorer's version, as a label; always 1.")
            .sample("ringfence_model_info", 1, "model", stats.scorerVersion());
        text.family("ringfence_card_bytes", "gauge", "Off-heap bytes of card history per configured card.")
            .sample("ringfence_card_bytes", stats.bytesPerCard());
    }

    /** A counter label as a metric name part: lower case, anything but letters and digits an underscore. */
    static String snake(final String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }
}
