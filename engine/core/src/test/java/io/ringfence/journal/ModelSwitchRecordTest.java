package io.ringfence.journal;

import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The LOAD_MODEL record (format version 2) carries the model's version, path and hash; other records stay version 1. */
class ModelSwitchRecordTest {
    private final Bytes<?> bytes = Bytes.allocateElasticDirect(512);

    @AfterEach
    void release() {
        bytes.releaseLast();
    }

    @Test
    void aModelSwitchRoundTripsWithVersionPathAndHash() {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = EventType.LOAD_MODEL;
        event.eventTimeMillis = 1_710_496_800_000L;
        event.modelVersion = "xgboost/2024-03-15";
        event.modelPath = "/models/default/serving.model";
        for (int i = 0; i < 32; i++) {
            event.modelSha256[i] = (byte)(i * 7 + 1);
        }
        EventCodec.encode(event, 77L, bytes);
        assertEquals(EventCodec.MODEL_FORMAT, bytes.readByte(bytes.readPosition()));
        assertEquals(77L, EventCodec.peekSequence(bytes));

        final EngineEvent decoded = new EngineEvent();
        assertEquals(77L, EventCodec.decode(bytes, decoded, new StringBuilder()));
        assertEquals(EventType.LOAD_MODEL, decoded.type);
        assertEquals(event.eventTimeMillis, decoded.eventTimeMillis);
        assertEquals("xgboost/2024-03-15", decoded.modelVersion);
        assertEquals("/models/default/serving.model", decoded.modelPath);
        assertArrayEquals(event.modelSha256, decoded.modelSha256);
        assertNull(decoded.scorer);
        assertEquals(0, bytes.readRemaining());
    }

    @Test
    void otherEventsKeepFormatVersionOneAndClearModelFields() {
        final EngineEvent decoded = new EngineEvent();
        decoded.modelVersion = "stale";
        decoded.modelPath = "stale";
        decoded.modelSha256[0] = 9;
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.type = EventType.CLEAR_FLAG;
        EventCodec.encode(event, 5L, bytes);
        assertEquals(EventCodec.FORMAT, bytes.readByte(bytes.readPosition()));
        EventCodec.decode(bytes, decoded, null);
        assertEquals(0, bytes.readRemaining());
        assertNull(decoded.modelVersion);
        assertNull(decoded.modelPath);
        assertEquals(0, decoded.modelSha256[0]);
    }
}
