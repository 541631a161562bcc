package io.ringfence.server.http;

import io.ringfence.api.EngineStats;
import io.ringfence.api.LatencySummary;
import io.ringfence.server.DoorStats;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Prometheus text the door renders, read back by a strict parser. */
class PrometheusTextTest {
    @Test
    void writesFamiliesSamplesAndEscapedLabels() {
        final String text = new PrometheusText()
            .family("ringfence_things_total", "counter", "Things, with a back\\slash\nand a newline.")
            .sample("ringfence_things_total", 3, "kind", "a \"quoted\" \\ value\n", "door", "http")
            .family("ringfence_level", "gauge", "A level.")
            .sample("ringfence_level", 0.25)
            .toString();
        assertEquals("""
            # HELP ringfence_things_total Things, with a back\\\\slash\\nand a newline.
            # TYPE ringfence_things_total counter
            ringfence_things_total{kind="a \\"quoted\\" \\\\ value\\n",door="http"} 3
            # HELP ringfence_level A level.
            # TYPE ringfence_level gauge
            ringfence_level 0.25
            """, text);
        final Map<String, Double> samples = PrometheusParser.parse(text);
        assertEquals(0.25, samples.get("ringfence_level"));
    }

    @Test
    void aHistogramHasCumulativeBucketsInSecondsASumAndACount() {
        final Histogram nanos = new Histogram(60_000_000_000L, 3);
        nanos.recordValue(8_000);
        nanos.recordValue(20_000);
        nanos.recordValue(20_000);
        nanos.recordValue(3_000_000);
        final Map<String, Double> samples = PrometheusParser.parse(new PrometheusText()
            .histogram("ringfence_latency_seconds", "Latency.", nanos, ServerMetrics.LATENCY_BOUNDS).toString());
        assertEquals(1.0, samples.get("ringfence_latency_seconds_bucket{le=\"0.00001\"}"));
        assertEquals(3.0, samples.get("ringfence_latency_seconds_bucket{le=\"0.000025\"}"));
        assertEquals(3.0, samples.get("ringfence_latency_seconds_bucket{le=\"0.0025\"}"));
        assertEquals(4.0, samples.get("ringfence_latency_seconds_bucket{le=\"0.005\"}"));
        assertEquals(4.0, samples.get("ringfence_latency_seconds_bucket{le=\"10\"}"));
        assertEquals(4.0, samples.get("ringfence_latency_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(4.0, samples.get("ringfence_latency_seconds_count"));
        assertEquals(0.003048, samples.get("ringfence_latency_seconds_sum"), 0.003048 * 0.002);
    }

    @Test
    void anEmptyHistogramIsAllZeros() {
        final Map<String, Double> samples = PrometheusParser.parse(new PrometheusText()
            .histogram("ringfence_latency_seconds", "Latency.", new Histogram(3), ServerMetrics.LATENCY_BOUNDS)
            .toString());
        assertEquals(0.0, samples.get("ringfence_latency_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(0.0, samples.get("ringfence_latency_seconds_sum"));
    }

    @Test
    void engineCountersBecomeSnakeCaseMetricsAndLabelledFamilies() {
        final Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("authorizations.CP", 5L);
        counters.put("standin.ring-full", 1L);
        counters.put("cards.held", 4L);
        counters.put("decisions.action.DECLINE", 2L);
        counters.put("decisions.code.1A", 1L);
        counters.put("rejections.INVALID_PAN", 1L);
        counters.put("flags.raised.FRAUD_REPORT", 1L);
        counters.put("rules.hits.big \"online\"", 3L);
        counters.put("something.new", 9L);
        final LatencySummary none = new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        final PrometheusText text = new PrometheusText();
        ServerMetrics.engine(text, new EngineStats(counters, none, none, 96.5, "policy/v1"));
        final String rendered = text.toString();
        final Map<String, Double> samples = PrometheusParser.parse(rendered);
        assertEquals(5.0, samples.get("ringfence_authorizations_cp_total"));
        assertEquals(1.0, samples.get("ringfence_standin_ring_full_total"));
        assertEquals(4.0, samples.get("ringfence_cards_held"));
        assertTrue(rendered.contains("# TYPE ringfence_cards_held gauge\n"));
        assertEquals(2.0, samples.get("ringfence_engine_decisions_by_action_total{action=\"DECLINE\"}"));
        assertEquals(1.0, samples.get("ringfence_engine_decisions_by_code_total{code=\"1A\"}"));
        assertEquals(1.0, samples.get("ringfence_engine_rejections_total{reason=\"INVALID_PAN\"}"));
        assertEquals(1.0, samples.get("ringfence_engine_flags_raised_total{reason=\"FRAUD_REPORT\"}"));
        assertEquals(3.0, samples.get("ringfence_engine_rule_hits_total{rule=\"big \\\"online\\\"\"}"));
        assertEquals(9.0, samples.get("ringfence_engine_counter{label=\"something.new\"}"));
        assertEquals(1.0, samples.get("ringfence_model_info{model=\"policy/v1\"}"));
        assertEquals(96.5, samples.get("ringfence_card_bytes"));
    }

    @Test
    void doorsReportConnectionsMessagesAndErrorsByKind() {
        final DoorStats http = new DoorStats("http");
        final DoorStats iso = new DoorStats("iso8583");
        http.connectionOpened();
        http.connectionOpened();
        http.connectionClosed();
        http.message();
        http.error("bad_request");
        http.error("bad_request");
        iso.error("frame_too_long");
        final PrometheusText text = new PrometheusText();
        ServerMetrics.doors(text, iso, http);
        final Map<String, Double> samples = PrometheusParser.parse(text.toString());
        assertEquals(1.0, samples.get("ringfence_door_connections_open{door=\"http\"}"));
        assertEquals(2.0, samples.get("ringfence_door_connections_accepted_total{door=\"http\"}"));
        assertEquals(0.0, samples.get("ringfence_door_connections_open{door=\"iso8583\"}"));
        assertEquals(1.0, samples.get("ringfence_door_messages_total{door=\"http\"}"));
        assertEquals(2.0, samples.get("ringfence_door_errors_total{door=\"http\",kind=\"bad_request\"}"));
        assertEquals(1.0, samples.get("ringfence_door_errors_total{door=\"iso8583\",kind=\"frame_too_long\"}"));
    }

    @Test
    void theTestParserIsStrict() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusParser.parse("a 1"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusParser.parse("a 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusParser.parse(
            "# TYPE a counter\na{x=\"1} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusParser.parse(
            "# TYPE a counter\na 1\n# TYPE b counter\nb 1\na 2\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusParser.parse(
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"));
    }
}
