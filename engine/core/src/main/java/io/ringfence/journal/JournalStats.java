package io.ringfence.journal;

import io.ringfence.api.Channel;
import io.ringfence.event.EventType;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Summaries of an input journal and a decision journal, read from start to end. */
public final class JournalStats {
    private JournalStats() {
    }

    /**
     * Reads every event of the input journal in {@code inputDirectory}.
     *
     * @throws JournalException when the journal cannot be read
     */
    public static Inputs inputs(final Path inputDirectory) {
        final Inputs inputs = new Inputs();
        try (JournalReader reader = JournalReader.open(inputDirectory)) {
            reader.replay(-1L, (event, sequence) -> inputs.add(event.type, event.channel, event.rejection != null,
                event.fingerprintHigh, event.fingerprintLow, event.eventTimeMillis, sequence));
        }
        return inputs;
    }

    /**
     * Reads every record of the decision journal in {@code decisionDirectory}.
     *
     * @throws JournalException when the journal cannot be read
     */
    public static Decisions decisions(final Path decisionDirectory) {
        final Decisions decisions = new Decisions();
        DecisionJournal.read(decisionDirectory, decisions::add);
        return decisions;
    }

    private static void increment(final Map<String, Long> counts, final String key) {
        counts.merge(key, 1L, Long::sum);
    }

    /** Input events by type and channel, their sequence and time range, distinct cards. */
    public static final class Inputs {
        private final Map<String, Long> byType = new TreeMap<>();
        private final Map<String, Long> byChannel = new TreeMap<>();
        /** 64 bits of each fingerprint (an HMAC output, so any 64 bits are as good as all 128 for counting). */
        private final Set<Long> fingerprints = new HashSet<>();
        private long events;
        private long rejected;
        private long firstSequence = -1;
        private long lastSequence = -1;
        private long firstTime;
        private long lastTime;

        private Inputs() {
        }

        void add(final EventType type, final Channel channel, final boolean isRejected, final long high, final long low,
            final long time, final long sequence) {
            if (events == 0) {
                firstSequence = sequence;
                firstTime = time;
            }
            events++;
            lastSequence = sequence;
            lastTime = time;
            increment(byType, type.name());
            if (type == EventType.AUTHORIZE) {
                increment(byChannel, channel == null ? "none" : channel.name());
            }
            if (isRejected) {
                rejected++;
            }
            if (high != 0 || low != 0) {
                fingerprints.add(high ^ Long.rotateLeft(low, 31));
            }
        }

        public Map<String, Long> byType() {
            return Map.copyOf(byType);
        }

        /** Authorizations by channel, in name order. */
        public Map<String, Long> byChannel() {
            return new TreeMap<>(byChannel);
        }

        public long events() {
            return events;
        }

        public long rejected() {
            return rejected;
        }

        public long distinctCards() {
            return fingerprints.size();
        }

        public long firstSequence() {
            return firstSequence;
        }

        public long lastSequence() {
            return lastSequence;
        }

        public long firstTimeMillis() {
            return firstTime;
        }

        public long lastTimeMillis() {
            return lastTime;
        }
    }

    /** Decision records by action, by action and response code, stand-ins and flags raised. */
    public static final class Decisions {
        private final Map<String, Long> byAction = new TreeMap<>();
        private final Map<String, Long> byCode = new TreeMap<>();
        private final Map<String, Long> flags = new TreeMap<>();
        private long records;
        private long standIns;

        private Decisions() {
        }

        void add(final DecisionRecord record) {
            records++;
            if (record.action() != null) {
                increment(byAction, record.action().name());
            }
            if (record.responseCode() != null) {
                increment(byCode, (record.action() == null ? "-" : record.action().name()) + "/"
                    + record.responseCode().code());
            }
            if (record.standIn()) {
                standIns++;
            }
            if (record.flagRaised() != null && record.flagRaised().ordinal() != 0) {
                increment(flags, record.flagRaised().name());
            }
        }

        public long records() {
            return records;
        }

        public long standIns() {
            return standIns;
        }

        /** In name order. */
        public Map<String, Long> byAction() {
            return new TreeMap<>(byAction);
        }

        /** Keyed {@code ACTION/code}, in name order. */
        public Map<String, Long> byActionAndCode() {
            return new TreeMap<>(byCode);
        }

        /** In name order. */
        public Map<String, Long> flagsRaised() {
            return new TreeMap<>(flags);
        }
    }
}
