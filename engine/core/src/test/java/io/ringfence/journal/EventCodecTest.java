package io.ringfence.journal;

import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;
import io.ringfence.api.FraudReportKind;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.event.Rejection;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The input journal's binary form: every request field of every event type survives a round trip. */
class EventCodecTest {
    private final Bytes<?> bytes = Bytes.allocateElasticDirect(512);

    @AfterEach
    void release() {
        bytes.releaseLast();
    }

    @Test
    void everyRequestFieldOfEveryEventTypeRoundTrips() {
        final SplittableRandom random = new SplittableRandom(20240315L);
        final EngineEvent decoded = new EngineEvent();
        final StringBuilder scratch = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            final EventType type = EventType.values()[i % EventType.values().length];
            final EngineEvent event = randomEvent(random, type);
            final long sequence = random.nextLong(Long.MAX_VALUE);
            bytes.clear();
            EventCodec.encode(event, sequence, bytes);
            final boolean withScratch = random.nextBoolean();
            decoded.score = 123;
            assertEquals(sequence, EventCodec.decode(bytes, decoded, withScratch ? scratch : null));
            assertEquals(0, bytes.readRemaining(), "whole record read");
            assertSameRequest(event, decoded, "event " + i);
            assertEquals(sequence, decoded.sequence);
            assertEquals(0, decoded.score, "outcome cleared");
        }
    }

    @Test
    void extremeValuesRoundTrip() {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = EventType.AUTHORIZE;
        event.eventTimeMillis = Long.MIN_VALUE;
        event.fingerprintHigh = -1L;
        event.fingerprintLow = Long.MIN_VALUE;
        event.bin = Integer.MAX_VALUE;
        event.lastFour = Short.MIN_VALUE;
        event.amountMinor = Long.MAX_VALUE;
        event.currencyExponent = Byte.MIN_VALUE;
        event.mcc = Integer.MIN_VALUE;
        event.rejection = Rejection.values()[Rejection.values().length - 1];
        event.entryMode = EntryMode.values()[EntryMode.values().length - 1];
        event.requestId = "";
        EventCodec.encode(event, 0L, bytes);
        final EngineEvent decoded = new EngineEvent();
        EventCodec.decode(bytes, decoded, null);
        assertSameRequest(event, decoded, "extremes");
    }

    @Test
    void aLongRequestIdIsCutToTheJournalLimit() {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = EventType.AUTHORIZE;
        event.requestId = "x".repeat(EventCodec.MAX_REQUEST_ID_CHARS + 50);
        EventCodec.encode(event, 7L, bytes);
        final EngineEvent decoded = new EngineEvent();
        EventCodec.decode(bytes, decoded, null);
        assertEquals("x".repeat(EventCodec.MAX_REQUEST_ID_CHARS), decoded.requestId);
    }

    @Test
    void aDecisionRecordIsNotReadAsAnInputEvent() {
        bytes.writeByte(EventCodec.DECISION_FORMAT);
        bytes.writeLong(1L);
        final IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> EventCodec.decode(bytes, new EngineEvent(), null));
        assertTrue(e.getMessage().contains("decision record"), e.getMessage());
    }

    @Test
    void peekSequenceDoesNotMoveTheReadPosition() {
        final EngineEvent event = randomEvent(new SplittableRandom(1), EventType.REPORT_FRAUD);
        EventCodec.encode(event, 42L, bytes);
        final long position = bytes.readPosition();
        assertEquals(42L, EventCodec.peekSequence(bytes));
        assertEquals(position, bytes.readPosition());
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = EventType.CLEAR_FLAG;
        EventCodec.encode(event, 3L, bytes);
        final EngineEvent decoded = randomEvent(new SplittableRandom(2), EventType.AUTHORIZE);
        EventCodec.decode(bytes, decoded, new StringBuilder("stale"));
        assertSameRequest(event, decoded, "cleared event");
        assertNull(decoded.requestId);
        assertNull(decoded.channel);
        assertNull(decoded.rejection);
        assertEquals(EngineEvent.NO_MCC, decoded.mcc);
    }

    static EngineEvent randomEvent(final SplittableRandom random, final EventType type) {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = type;
        event.eventTimeMillis = random.nextLong();
        event.rejection = random.nextInt(4) == 0 ? pick(random, Rejection.values()) : null;
        event.fingerprintHigh = random.nextLong();
        event.fingerprintLow = random.nextLong();
        event.bin = random.nextInt();
        event.lastFour = (short)random.nextInt();
        event.amountMinor = random.nextLong();
        event.currencyNumeric = (short)random.nextInt();
        event.currencyExponent = (byte)random.nextInt();
        event.channel = random.nextInt(5) == 0 ? null : pick(random, Channel.values());
        event.entryMode = random.nextInt(5) == 0 ? null : pick(random, EntryMode.values());
        event.merchantKey = random.nextLong();
        event.terminalKey = random.nextLong();
        event.mcc = random.nextInt();
        event.merchantCountry = (short)random.nextInt();
        event.cardCountry = (short)random.nextInt();
        event.ipCountry = (short)random.nextInt();
        event.billingCountry = (short)random.nextInt();
        event.ipKey = random.nextLong();
        event.deviceKey = random.nextLong();
        event.emailKey = random.nextLong();
        event.reportKind = random.nextInt(3) == 0 ? null : pick(random, FraudReportKind.values());
        event.linkedFingerprintHigh = random.nextLong();
        event.linkedFingerprintLow = random.nextLong();
        event.requestId = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "req-" + random.nextLong();
            case 2 -> new StringBuilder("sb-").append(random.nextInt());
            default -> "ünïcödé-€-" + random.nextInt(1000);
        };
        event.ingressNanos = random.nextLong();
        return event;
    }

    static void assertSameRequest(final EngineEvent expected, final EngineEvent actual, final String what) {
        assertEquals(expected.type, actual.type, what + " type");
        assertEquals(expected.eventTimeMillis, actual.eventTimeMillis, what + " eventTimeMillis");
        assertEquals(expected.rejection, actual.rejection, what + " rejection");
        assertEquals(expected.fingerprintHigh, actual.fingerprintHigh, what + " fingerprintHigh");
        assertEquals(expected.fingerprintLow, actual.fingerprintLow, what + " fingerprintLow");
        assertEquals(expected.bin, actual.bin, what + " bin");
        assertEquals(expected.lastFour, actual.lastFour, what + " lastFour");
        assertEquals(expected.amountMinor, actual.amountMinor, what + " amountMinor");
        assertEquals(expected.currencyNumeric, actual.currencyNumeric, what + " currencyNumeric");
        assertEquals(expected.currencyExponent, actual.currencyExponent, what + " currencyExponent");
        assertEquals(expected.channel, actual.channel, what + " channel");
        assertEquals(expected.entryMode, actual.entryMode, what + " entryMode");
        assertEquals(expected.merchantKey, actual.merchantKey, what + " merchantKey");
        assertEquals(expected.terminalKey, actual.terminalKey, what + " terminalKey");
        assertEquals(expected.mcc, actual.mcc, what + " mcc");
        assertEquals(expected.merchantCountry, actual.merchantCountry, what + " merchantCountry");
        assertEquals(expected.cardCountry, actual.cardCountry, what + " cardCountry");
        assertEquals(expected.ipCountry, actual.ipCountry, what + " ipCountry");
        assertEquals(expected.billingCountry, actual.billingCountry, what + " billingCountry");
        assertEquals(expected.ipKey, actual.ipKey, what + " ipKey");
        assertEquals(expected.deviceKey, actual.deviceKey, what + " deviceKey");
        assertEquals(expected.emailKey, actual.emailKey, what + " emailKey");
        assertEquals(expected.reportKind, actual.reportKind, what + " reportKind");
        assertEquals(expected.linkedFingerprintHigh, actual.linkedFingerprintHigh, what + " linkedFingerprintHigh");
        assertEquals(expected.linkedFingerprintLow, actual.linkedFingerprintLow, what + " linkedFingerprintLow");
        assertEquals(expected.requestId == null ? null : expected.requestId.toString(),
            actual.requestId == null ? null : actual.requestId.toString(), what + " requestId");
        assertEquals(expected.queryKind, actual.queryKind, what + " queryKind");
    }

    private static <T> T pick(final SplittableRandom random, final T[] values) {
        return values[random.nextInt(values.length)];
    }
}
