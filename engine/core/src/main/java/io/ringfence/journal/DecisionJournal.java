package io.ringfence.journal;

import io.ringfence.api.Action;
import io.ringfence.api.Decision;
import io.ringfence.api.FlagReason;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.List;

/**
 * The decision journal: an audit record per decision, written after the business logic decided, on a Chronicle
 * Queue in {@link JournalConfig#decisionDirectory()} with the same durability and roll cycle as the input journal.
 * Appending allocates nothing (the scorer version is written with Chronicle's allocation-free UTF-8 writer).
 *
 * <p>Layout, {@value #FIXED_LENGTH} bytes then the scorer version:
 * <pre>
 *  0 format   byte  {@link EventCodec#DECISION_FORMAT} (record kind 2, version 2)
 *  1 sequence long; 9 eventTimeMillis long; 17 type byte (ordinal)
 * 18 resolved fingerprint high, low  long x2
 * 34 action byte, 35 response code byte (ordinals, -1 for none); 36 score int
 * 40 reason0, reason1, reason2  byte x3 (ordinals, -1 for none); 43 flag raised byte (ordinal)
 * 44 applied byte (0/1); 45 stand-in byte (0/1); 46 latency nanos long
 * 54 scorer version: Chronicle stop-bit length and UTF-8, -1 when absent
 * then, in format {@link EventCodec#DECISION_RULE_FORMAT} only (written when an analyst's rule decided), the rule's
 *    name, the same way
 * then an 8-byte {@link RecordChecksum} of the bytes before it, checked on every read
 * </pre>
 * Answers callers gave on their own threads (stand-ins, malformed requests) carry sequence -1.
 */
public final class DecisionJournal implements AutoCloseable {
    public static final int FIXED_LENGTH = 54;

    private static final EventType[] TYPES = EventType.values();
    private static final Action[] ACTIONS = Action.values();
    private static final ResponseCode[] CODES = ResponseCode.values();
    private static final ReasonCode[] REASONS = ReasonCode.values();

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    /** For answers callers give on their own threads; guarded by this journal's lock. */
    private final ExcerptAppender callerAppender;
    private long lastSequence;

    private DecisionJournal(final Path directory, final SingleChronicleQueue queue) {
        this.directory = directory;
        this.queue = queue;
        this.lastSequence = Queues.lastSequence(queue, EventCodec.DECISION_FORMAT);
        this.appender = queue.createAppender();
        this.callerAppender = queue.createAppender();
        callerAppender.singleThreadedCheckDisabled(true);
    }

    /**
     * Opens (creating if needed) the decision journal in {@code config.decisionDirectory()}.
     *
     * @throws JournalException when the directory cannot be created or written, or the journal cannot be opened
     */
    public static DecisionJournal open(final JournalConfig config) {
        final Path directory = config.decisionDirectory();
        Queues.prepareWritableDirectory(directory, "decision journal");
        SingleChronicleQueue queue = null;
        try {
            queue = SingleChronicleQueueBuilder.binary(directory)
                .syncMode(Queues.syncMode(config.durability()))
                .rollCycle(Queues.rollCycle(config.rollCycle()))
                .build();
            return new DecisionJournal(directory, queue);
        } catch (final Exception | Error e) {
            if (queue != null) {
                queue.close();
            }
            if (e instanceof JournalException journal) {
                throw journal;
            }
            throw new JournalException("decision journal " + directory + " cannot be opened: " + Queues.describe(e), e);
        }
    }

    /**
     * Appends the audit record of {@code event}'s decision: its sequence ({@link EngineEvent#sequence}) and outcome.
     *
     * @param latencyNanos ingress to release
     * @param standIn      whether the caller got a stand-in decision rather than this one
     * @throws JournalException when the write failed
     */
    public void append(final EngineEvent event, final long latencyNanos, final boolean standIn) {
        write(appender, event.sequence, event.eventTimeMillis, event.type, event.resolvedFingerprintHigh,
            event.resolvedFingerprintLow, event.action, event.responseCode, event.score, event.reason0, event.reason1,
            event.reason2, event.flagRaised == null ? FlagReason.NOT_FLAGGED : event.flagRaised, event.applied, standIn,
            latencyNanos, event.scorerVersion, event.ruleName);
        lastSequence = event.sequence;
    }

    /**
     * Appends the audit record of an answer a caller gave on its own thread, without the business logic: a stand-in
     * or a malformed request's decline. It has no sequence (-1): it never entered the ring. Any thread; serialised
     * here, on a path only overload and bad input take.
     *
     * @throws JournalException when the write failed
     */
    public synchronized void appendCallerAnswer(final Decision decision, final long eventTimeMillis) {
        final List<ReasonCode> reasons = decision.reasons();
        write(callerAppender, -1L, eventTimeMillis, EventType.AUTHORIZE, decision.fingerprint().high(),
            decision.fingerprint().low(), decision.action(), decision.responseCode(), decision.score(),
            reasons.isEmpty() ? null : reasons.get(0), reasons.size() < 2 ? null : reasons.get(1),
            reasons.size() < 3 ? null : reasons.get(2), FlagReason.NOT_FLAGGED, false, decision.standIn(),
            decision.latencyNanos(), decision.scorerVersion(), decision.ruleName());
    }

    /** Writes one record in the layout above, checksum last. */
    private void write(final ExcerptAppender to, final long sequence, final long eventTimeMillis, final EventType type,
        final long fingerprintHigh, final long fingerprintLow, final Action action, final ResponseCode code,
        final int score, final ReasonCode reason0, final ReasonCode reason1, final ReasonCode reason2,
        final FlagReason flagRaised, final boolean applied, final boolean standIn, final long latencyNanos,
        final String scorerVersion, final String ruleName) {
        try {
            final DocumentContext dc = to.writingDocument();
            try {
                final Bytes<?> bytes = dc.wire().bytes();
                final long start = bytes.writePosition();
                bytes.writeByte(ruleName == null ? EventCodec.DECISION_FORMAT : EventCodec.DECISION_RULE_FORMAT);
                bytes.writeLong(sequence);
                bytes.writeLong(eventTimeMillis);
                bytes.writeByte(EventCodec.ordinal(type));
                bytes.writeLong(fingerprintHigh);
                bytes.writeLong(fingerprintLow);
                bytes.writeByte(EventCodec.ordinal(action));
                bytes.writeByte(EventCodec.ordinal(code));
                bytes.writeInt(score);
                bytes.writeByte(EventCodec.ordinal(reason0));
                bytes.writeByte(EventCodec.ordinal(reason1));
                bytes.writeByte(EventCodec.ordinal(reason2));
                bytes.writeByte(EventCodec.ordinal(flagRaised));
                bytes.writeByte((byte)(applied ? 1 : 0));
                bytes.writeByte((byte)(standIn ? 1 : 0));
                bytes.writeLong(latencyNanos);
                bytes.writeUtf8(scorerVersion);
                if (ruleName != null) {
                    bytes.writeUtf8(ruleName);
                }
                RecordChecksum.append(bytes, start);
            } catch (final Exception | Error e) {
                dc.rollbackOnClose();
                throw e;
            } finally {
                dc.close();
            }
        } catch (final Exception | Error e) {
            throw new JournalException("decision journal write failed in " + directory + ": " + Queues.describe(e), e);
        }
    }

    /** The sequence of the last record appended (or found at open), -1 when empty. */
    public long lastSequence() {
        return lastSequence;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            appender.close();
            synchronized (this) {
                callerAppender.close();
            }
        } finally {
            queue.close();
        }
    }

    /**
     * Reads every record of the decision journal in {@code decisionDirectory}, in journal order.
     *
     * @throws JournalException when the directory is missing, holds no journal, or a record cannot be read
     */
    public static void read(final Path decisionDirectory, final DecisionVisitor visitor) {
        try (Reader reader = reader(decisionDirectory)) {
            for (DecisionRecord record = reader.next(); record != null; record = reader.next()) {
                visitor.onDecision(record);
            }
        }
    }

    /**
     * Opens a cursor over the decision journal in {@code decisionDirectory}, read-only: for merging it with a replay
     * of the input journal in sequence order.
     */
    public static Reader reader(final Path decisionDirectory) {
        Queues.checkReadableQueue(decisionDirectory, "decision journal");
        try {
            return new Reader(decisionDirectory, SingleChronicleQueueBuilder.binary(decisionDirectory)
                .readOnly(true).build());
        } catch (final Exception | Error e) {
            throw new JournalException("decision journal " + decisionDirectory + " cannot be opened: "
                + Queues.describe(e), e);
        }
    }

    static String formatProblem(final byte format) {
        if (EventCodec.isInputFormat(format)) {
            return "an input event where a decision record was expected (is this the input journal?)";
        }
        return EventCodec.formatProblem(format);
    }

    static DecisionRecord decode(final Bytes<?> bytes) {
        final byte format = bytes.readByte(bytes.readPosition());
        if (!EventCodec.isDecisionFormat(format)) {
            throw new IllegalStateException(formatProblem(format));
        }
        if (!RecordChecksum.holds(bytes)) {
            throw new IllegalStateException("the decision record at sequence " + bytes.readLong(bytes.readPosition() + 1)
                + " fails its checksum: the journal is damaged there");
        }
        bytes.readSkip(1);
        final long sequence = bytes.readLong();
        final long time = bytes.readLong();
        final EventType type = TYPES[bytes.readByte()];
        final long high = bytes.readLong();
        final long low = bytes.readLong();
        final byte action = bytes.readByte();
        final byte code = bytes.readByte();
        final int score = bytes.readInt();
        final ReasonCode reason0 = reason(bytes.readByte());
        final ReasonCode reason1 = reason(bytes.readByte());
        final ReasonCode reason2 = reason(bytes.readByte());
        final FlagReason flag = FlagReason.fromOrdinal(bytes.readByte());
        final boolean applied = bytes.readByte() != 0;
        final boolean standIn = bytes.readByte() != 0;
        final long latency = bytes.readLong();
        final String scorerVersion = bytes.readUtf8();
        final String ruleName = format == EventCodec.DECISION_RULE_FORMAT ? bytes.readUtf8() : null;
        bytes.readSkip(RecordChecksum.LENGTH);
        return new DecisionRecord(sequence, time, type, high, low, action < 0 ? null : ACTIONS[action],
            code < 0 ? null : CODES[code], score, reason0, reason1, reason2, scorerVersion, flag, applied, standIn,
            latency, ruleName);
    }

    private static ReasonCode reason(final byte ordinal) {
        return ordinal < 0 ? null : REASONS[ordinal];
    }

    /** A read-only cursor over a decision journal. */
    public static final class Reader implements AutoCloseable {
        private final Path directory;
        private final SingleChronicleQueue queue;
        private final ExcerptTailer tailer;

        private Reader(final Path directory, final SingleChronicleQueue queue) {
            this.directory = directory;
            this.queue = queue;
            this.tailer = queue.createTailer().toStart();
        }

        /**
         * The next record, or null at the end.
         *
         * @throws JournalException when a record cannot be read
         */
        public DecisionRecord next() {
            long index = -1;
            try {
                while (true) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            return null;
                        }
                        if (dc.isData()) {
                            index = dc.index();
                            return decode(dc.wire().bytes());
                        }
                    }
                }
            } catch (final Exception | Error e) {
                throw new JournalException("decision journal " + directory + " cannot be read"
                    + (index >= 0 ? " at index 0x" + Long.toHexString(index) : "") + ": " + Queues.describe(e), e);
            }
        }

        /** The sequence of the last record in the journal, or -1 when it is empty. */
        public long lastSequence() {
            try {
                return Queues.lastSequence(queue, EventCodec.DECISION_FORMAT);
            } catch (final JournalException e) {
                throw e;
            } catch (final Exception | Error e) {
                throw new JournalException("decision journal " + directory + " cannot be read: " + Queues.describe(e),
                    e);
            }
        }

        @Override
        public void close() {
            try {
                tailer.close();
            } finally {
                queue.close();
            }
        }
    }
}
