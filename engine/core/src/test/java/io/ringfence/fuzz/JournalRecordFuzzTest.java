package io.ringfence.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ringfence.event.EngineEvent;
import io.ringfence.journal.EventCodec;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.BufferUnderflowException;

/**
 * The input journal's decoder on arbitrary bytes: it decodes a record or refuses it with a runtime exception the
 * journal reader turns into a one-line error; it never hangs, never runs out of memory, never fails with an Error.
 */
class JournalRecordFuzzTest {
    private final EngineEvent event = new EngineEvent();
    private final StringBuilder requestId = new StringBuilder();

    @FuzzTest(maxDuration = "10s")
    void anyBytesDecodeOrAreRefused(final byte[] record) {
        final Bytes<?> bytes = Bytes.wrapForRead(record);
        try {
            EventCodec.decode(bytes, event, requestId);
        } catch (final IllegalStateException | IllegalArgumentException | BufferUnderflowException
                       | IndexOutOfBoundsException expected) {
            // Refused: the reader reports it with the record's place.
        } finally {
            bytes.releaseLast();
        }
    }
}
