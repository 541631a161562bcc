package io.ringfence.journal;

import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReportKind;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.event.Rejection;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Binary form of the request part of an {@link EngineEvent}: what the input journal holds per event. Encoding and
 * decoding allocate nothing (a request id longer than {@value #MAX_REQUEST_ID_CHARS} characters, or one that is
 * not a {@link CharSequence}, is the exception). No PAN: the event holds none, only the fingerprint, BIN and last
 * four.
 *
 * <p>Layout, little-endian as Chronicle writes it, {@value #FIXED_LENGTH} bytes then the request id:
 * <pre>
 *  0 format   byte   {@link #FORMAT}: record kind (high nibble 1 = input event) and version (low nibble)
 *  1 sequence long   the event's global sequence
 *  9 type     byte   {@link EventType} ordinal
 * 10 time     long   eventTimeMillis
 * 18 reject   byte   {@link Rejection} ordinal, -1 for none
 * 19 fp hi/lo long x2
 * 35 bin      int
 * 39 last4    short
 * 41 amount   long   amountMinor
 * 49 ccy      short  ISO 4217 numeric; 51 exponent byte
 * 52 channel  byte   ordinal or -1; 53 entry mode byte, ordinal or -1
 * 54 merchant, terminal keys  long x2
 * 70 mcc      int
 * 74 merchant, card, ip, billing country  short x4
 * 82 ip, device, email keys  long x3
 * 106 report kind byte, ordinal or -1
 * 107 linked fp hi/lo long x2
 * 123 request id: Chronicle stop-bit length and UTF-8, length -1 when absent
 * </pre>
 * A {@link EventType#LOAD_MODEL} record has format {@link #MODEL_FORMAT}: the same layout, then the model version and
 * the serving file's path (each stop-bit length and UTF-8) and the file's 32-byte SHA-256. A
 * {@link EventType#LOAD_RULES}, {@link EventType#LIST_ADD} or {@link EventType#LIST_REMOVE} record has format
 * {@link #RULES_FORMAT}: the same layout, then the rules file's path (stop-bit length and UTF-8, -1 when absent), its
 * 32-byte SHA-256, the list name (likewise) and the item's key (long). Every record ends with an
 * 8-byte {@link RecordChecksum} of the bytes before it, checked on every read. Enum ordinals are part of the format:
 * the enums are append-only.
 */
public final class EventCodec {
    /** Record kind 1 (input event), format version 1. */
    public static final byte FORMAT = 0x13;
    /** Record kind 1 (input event), format version 2: version 1 plus the model fields; only for LOAD_MODEL. */
    public static final byte MODEL_FORMAT = 0x14;
    /** Record kind 1 (input event), format version 3: version 1 plus the rules and list fields; only for those events. */
    public static final byte RULES_FORMAT = 0x15;
    /** Record kind 2 (decision), format version 1; see {@link DecisionJournal}. */
    public static final byte DECISION_FORMAT = 0x22;
    /** Record kind 2 (decision), format version 2: version 1 plus the deciding rule's name; only when a rule decided. */
    public static final byte DECISION_RULE_FORMAT = 0x23;
    public static final int FIXED_LENGTH = 123;
    /** Request ids are journaled up to this length; longer ones are cut, so one request cannot overflow a write. */
    public static final int MAX_REQUEST_ID_CHARS = 256;

    private static final EventType[] TYPES = EventType.values();
    private static final Rejection[] REJECTIONS = Rejection.values();
    private static final Channel[] CHANNELS = Channel.values();
    private static final EntryMode[] ENTRY_MODES = EntryMode.values();
    private static final FraudReportKind[] REPORT_KINDS = FraudReportKind.values();

    private EventCodec() {
    }

    /** Writes the request part of {@code event} with its {@code sequence} at the write position of {@code bytes}. */
    public static void encode(final EngineEvent event, final long sequence, final Bytes<?> bytes) {
        final boolean model = event.type == EventType.LOAD_MODEL;
        final boolean rules = isRulesEvent(event.type);
        final long start = bytes.writePosition();
        bytes.writeByte(model ? MODEL_FORMAT : rules ? RULES_FORMAT : FORMAT);
        bytes.writeLong(sequence);
        bytes.writeByte((byte)event.type.ordinal());
        bytes.writeLong(event.eventTimeMillis);
        bytes.writeByte(ordinal(event.rejection));
        bytes.writeLong(event.fingerprintHigh);
        bytes.writeLong(event.fingerprintLow);
        bytes.writeInt(event.bin);
        bytes.writeShort(event.lastFour);
        bytes.writeLong(event.amountMinor);
        bytes.writeShort(event.currencyNumeric);
        bytes.writeByte(event.currencyExponent);
        bytes.writeByte(ordinal(event.channel));
        bytes.writeByte(ordinal(event.entryMode));
        bytes.writeLong(event.merchantKey);
        bytes.writeLong(event.terminalKey);
        bytes.writeInt(event.mcc);
        bytes.writeShort(event.merchantCountry);
        bytes.writeShort(event.cardCountry);
        bytes.writeShort(event.ipCountry);
        bytes.writeShort(event.billingCountry);
        bytes.writeLong(event.ipKey);
        bytes.writeLong(event.deviceKey);
        bytes.writeLong(event.emailKey);
        bytes.writeByte(ordinal(event.reportKind));
        bytes.writeLong(event.linkedFingerprintHigh);
        bytes.writeLong(event.linkedFingerprintLow);
        bytes.writeUtf8(requestId(event.requestId));
        if (model) {
            bytes.writeUtf8(event.modelVersion);
            bytes.writeUtf8(event.modelPath);
            bytes.write(event.modelSha256);
        }
        if (rules) {
            bytes.writeUtf8(event.rulesPath);
            bytes.write(event.rulesSha256);
            bytes.writeUtf8(event.listName);
            bytes.writeLong(event.listKey);
        }
        RecordChecksum.append(bytes, start);
    }

    /**
     * Reads one record at the read position of {@code bytes} into {@code event} (cleared first) and returns its
     * sequence, also stored in {@link EngineEvent#sequence}. The request id goes into {@code requestIdScratch}, which
     * becomes the event's {@link EngineEvent#requestId} (valid until the next decode into it; call toString to keep
     * it), or, when {@code requestIdScratch} is null, into a new String.
     *
     * @throws IllegalStateException when the record is not an input event of a known format version
     */
    public static long decode(final Bytes<?> bytes, final EngineEvent event, final StringBuilder requestIdScratch) {
        final byte format = bytes.readByte(bytes.readPosition());
        if (!isInputFormat(format)) {
            throw new IllegalStateException(formatProblem(format));
        }
        if (!RecordChecksum.holds(bytes)) {
            throw new IllegalStateException("the record at sequence " + bytes.readLong(bytes.readPosition() + 1)
                + " fails its checksum: the journal is damaged there");
        }
        bytes.readSkip(1);
        event.clear();
        final long sequence = bytes.readLong();
        event.type = TYPES[bytes.readByte()];
        event.eventTimeMillis = bytes.readLong();
        final byte rejection = bytes.readByte();
        event.rejection = rejection < 0 ? null : REJECTIONS[rejection];
        event.fingerprintHigh = bytes.readLong();
        event.fingerprintLow = bytes.readLong();
        event.bin = bytes.readInt();
        event.lastFour = bytes.readShort();
        event.amountMinor = bytes.readLong();
        event.currencyNumeric = bytes.readShort();
        event.currencyExponent = bytes.readByte();
        final byte channel = bytes.readByte();
        event.channel = channel < 0 ? null : CHANNELS[channel];
        final byte entryMode = bytes.readByte();
        event.entryMode = entryMode < 0 ? null : ENTRY_MODES[entryMode];
        event.merchantKey = bytes.readLong();
        event.terminalKey = bytes.readLong();
        event.mcc = bytes.readInt();
        event.merchantCountry = bytes.readShort();
        event.cardCountry = bytes.readShort();
        event.ipCountry = bytes.readShort();
        event.billingCountry = bytes.readShort();
        event.ipKey = bytes.readLong();
        event.deviceKey = bytes.readLong();
        event.emailKey = bytes.readLong();
        final byte reportKind = bytes.readByte();
        event.reportKind = reportKind < 0 ? null : REPORT_KINDS[reportKind];
        event.linkedFingerprintHigh = bytes.readLong();
        event.linkedFingerprintLow = bytes.readLong();
        if (requestIdScratch == null) {
            event.requestId = bytes.readUtf8();
        } else if (bytes.readUtf8(requestIdScratch)) {
            event.requestId = requestIdScratch;
        }
        if (format == MODEL_FORMAT) {
            event.modelVersion = bytes.readUtf8();
            event.modelPath = bytes.readUtf8();
            if (bytes.read(event.modelSha256) != event.modelSha256.length) {
                throw new IllegalStateException("model switch record at sequence " + sequence + " is truncated");
            }
        }
        if (format == RULES_FORMAT) {
            event.rulesPath = bytes.readUtf8();
            if (bytes.read(event.rulesSha256) != event.rulesSha256.length) {
                throw new IllegalStateException("rules record at sequence " + sequence + " is truncated");
            }
            event.listName = bytes.readUtf8();
            event.listKey = bytes.readLong();
        }
        bytes.readSkip(RecordChecksum.LENGTH);
        event.sequence = sequence;
        return sequence;
    }

    /** The sequence of the record at the read position, without moving it or decoding the rest. */
    public static long peekSequence(final Bytes<?> bytes) {
        final long position = bytes.readPosition();
        final byte format = bytes.readByte(position);
        if (!isInputFormat(format)) {
            throw new IllegalStateException(formatProblem(format));
        }
        return bytes.readLong(position + 1);
    }

    /** Whether {@code format} is an input-event record of a version this codec reads. */
    public static boolean isInputFormat(final byte format) {
        return format == FORMAT || format == MODEL_FORMAT || format == RULES_FORMAT;
    }

    private static boolean isRulesEvent(final EventType type) {
        return type == EventType.LOAD_RULES || type == EventType.LIST_ADD || type == EventType.LIST_REMOVE;
    }

    /** Whether {@code format} is a decision record of a version the decision journal reads. */
    public static boolean isDecisionFormat(final byte format) {
        return format == DECISION_FORMAT || format == DECISION_RULE_FORMAT;
    }

    static String formatProblem(final byte format) {
        if (isDecisionFormat(format)) {
            return "a decision record where an input event was expected (is this the decision journal?)";
        }
        if (isInputFormat(format)) {
            return "an input event where a decision record was expected (is this the input journal?)";
        }
        return String.format("unknown record format 0x%02x", format & 0xff);
    }

    private static CharSequence requestId(final Object requestId) {
        if (requestId == null) {
            return null;
        }
        final CharSequence chars = requestId instanceof CharSequence sequence ? sequence : requestId.toString();
        return chars.length() <= MAX_REQUEST_ID_CHARS ? chars : chars.subSequence(0, MAX_REQUEST_ID_CHARS);
    }

    static byte ordinal(final Enum<?> value) {
        return value == null ? -1 : (byte)value.ordinal();
    }
}
