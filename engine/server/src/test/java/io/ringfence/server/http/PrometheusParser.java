package io.ringfence.server.http;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line a HELP, a TYPE or a sample;
 * names and labels well formed, label values properly escaped; each family's HELP and TYPE once, before its samples,
 * and its samples together; no sample twice; histograms with cumulative buckets ending in {@code +Inf} equal to
 * {@code _count}. Throws {@link IllegalArgumentException} naming the line that breaks a rule.
 */
final class PrometheusParser {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|\\d+(\\.\\d+)?([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");

    private PrometheusParser() {
    }

    /** Every sample, keyed {@code name{labels as written}} (or just the name), in order. */
    static Map<String, Double> parse(final String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a newline");
        }
        final Map<String, Double> samples = new LinkedHashMap<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final Set<String> helped = new HashSet<>();
        final Set<String> closed = new HashSet<>();
        String current = null;
        final Map<String, Double> lastBucket = new LinkedHashMap<>();
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            final String line = lines[i];
            final String where = "line " + (i + 1) + ": " + line;
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                current = open(m.group(1), current, closed, where);
                if (!helped.add(m.group(1))) {
                    throw new IllegalArgumentException("second HELP, " + where);
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                current = open(m.group(1), current, closed, where);
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("second TYPE, " + where);
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                final String name = m.group(1);
                final String family = familyOf(name, types);
                if (family == null || !family.equals(current)) {
                    throw new IllegalArgumentException("sample outside its family's block, " + where);
                }
                final String labels = m.group(3) == null ? "" : m.group(3);
                checkLabels(labels, where);
                if (!VALUE.matcher(m.group(4)).matches()) {
                    throw new IllegalArgumentException("bad value, " + where);
                }
                final double value = Double.parseDouble(m.group(4).replace("Inf", "Infinity"));
                final String key = m.group(2) == null ? name : name + '{' + labels + '}';
                if (samples.put(key, value) != null) {
                    throw new IllegalArgumentException("sample given twice, " + where);
                }
                if ("histogram".equals(types.get(family))) {
                    checkHistogram(family, name, labels, value, lastBucket, samples, where);
                }
            } else {
                throw new IllegalArgumentException("not HELP, TYPE or a sample, " + where);
            }
        }
        return samples;
    }

    private static String open(final String family, final String current, final Set<String> closed,
        final String where) {
        if (family.equals(current)) {
            return current;
        }
        if (current != null) {
            closed.add(current);
        }
        if (closed.contains(family)) {
            throw new IllegalArgumentException("family " + family + " appears in two places, " + where);
        }
        return family;
    }

    private static String familyOf(final String name, final Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (final String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                final String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                    return base;
                }
            }
        }
        return null;
    }

    private static void checkLabels(final String labels, final String where) {
        if (labels.isEmpty()) {
            return;
        }
        final Matcher m = LABEL.matcher(labels);
        int at = 0;
        final Set<String> names = new HashSet<>();
        while (at < labels.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("bad labels, " + where);
            }
            if (!names.add(m.group(1))) {
                throw new IllegalArgumentException("label given twice, " + where);
            }
            at = m.end();
        }
    }

    private static void checkHistogram(final String family, final String name, final String labels,
        final double value, final Map<String, Double> lastBucket, final Map<String, Double> samples,
        final String where) {
        if (name.endsWith("_bucket")) {
            if (!labels.matches(".*le=\"[^\"]+\".*")) {
                throw new IllegalArgumentException("bucket without le, " + where);
            }
            final Double previous = lastBucket.put(family, value);
            if (previous != null && value < previous) {
                throw new IllegalArgumentException("buckets not cumulative, " + where);
            }
        } else if (name.endsWith("_count")) {
            final Double infinity = samples.get(family + "_bucket{le=\"+Inf\"}");
            if (infinity == null || infinity != value) {
                throw new IllegalArgumentException("no +Inf bucket equal to _count, " + where);
            }
        }
    }
}
