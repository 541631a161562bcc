package io.ringfence.server.http;

import org.HdrHistogram.Histogram;

import java.math.BigDecimal;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: each family once, its {@code # HELP} and
 * {@code # TYPE} lines first and its samples together after them, label values escaped.
 */
final class PrometheusText {
    /** The media type {@code /metrics} answers with. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(16 * 1024);

    /** Starts a family: {@code type} is {@code counter}, {@code gauge} or {@code histogram}. */
    PrometheusText family(final String name, final String type, final String help) {
        out.append("# HELP ").append(name).append(' ');
        escape(help, false);
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A sample without labels. */
    PrometheusText sample(final String name, final double value) {
        out.append(name).append(' ');
        number(value);
        out.append('\n');
        return this;
    }

    /** A sample with labels given as name, value, name, value... */
    PrometheusText sample(final String name, final double value, final String... labels) {
        out.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"");
            escape(labels[i + 1], true);
            out.append('"');
        }
        out.append("} ");
        number(value);
        out.append('\n');
        return this;
    }

    /**
     * A histogram family in seconds from an HdrHistogram in nanoseconds: cumulative {@code _bucket}s at
     * {@code boundsSeconds} and {@code +Inf}, {@code _sum} and {@code _count}. The sum is the histogram's mean times its
     * count, within its precision (three significant digits), as HdrHistogram keeps no exact sum.
     */
    PrometheusText histogram(final String name, final String help, final Histogram nanos,
        final double[] boundsSeconds) {
        family(name, "histogram", help);
        final long count = nanos.getTotalCount();
        for (final double bound : boundsSeconds) {
            final long boundNanos = Math.round(bound * 1e9);
            final long below = count == 0 ? 0 : nanos.getCountBetweenValues(0, boundNanos);
            sample(name + "_bucket", below, "le", BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString());
        }
        sample(name + "_bucket", count, "le", "+Inf");
        sample(name + "_sum", count == 0 ? 0.0 : nanos.getMean() * count / 1e9);
        sample(name + "_count", count);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void number(final double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long)value);
        } else if (Double.isNaN(value)) {
            out.append("NaN");
        } else if (Double.isInfinite(value)) {
            out.append(value > 0 ? "+Inf" : "-Inf");
        } else {
            out.append(value);
        }
    }

    private void escape(final String text, final boolean quote) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '"' && quote) {
                out.append("\\\"");
            } else {
                out.append(c);
            }
        }
    }
}
