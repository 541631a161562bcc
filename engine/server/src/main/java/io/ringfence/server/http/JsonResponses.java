package io.ringfence.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.ringfence.api.Ack;
import io.ringfence.api.Decision;
import io.ringfence.api.ReasonCode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The JSON the door answers with, written straight into a pooled buffer. None of it carries a PAN: a decision says
 * what was decided and by which model, an acknowledgement names the card by its keyed fingerprint.
 */
final class JsonResponses {
    @FunctionalInterface
    private interface Members {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonResponses() {
    }

    /** An authorization's answer; {@code requestId} is the id the engine was given (body or Idempotency-Key). */
    static ByteBuf decision(final ByteBufAllocator alloc, final String requestId, final Decision decision) {
        return object(alloc, 256, json -> {
            json.writeStringField("request_id", requestId);
            json.writeStringField("action", decision.action().name());
            json.writeStringField("response_code", decision.responseCode().code());
            json.writeNumberField("score", decision.score());
            json.writeArrayFieldStart("reasons");
            for (final ReasonCode reason : decision.reasons()) {
                json.writeString(reason.name());
            }
            json.writeEndArray();
            json.writeBooleanField("stand_in", decision.standIn());
            json.writeStringField("model", decision.scorerVersion());
            if (decision.ruleName() != null) {
                json.writeStringField("rule", decision.ruleName());
            }
        });
    }

    /** A control event's acknowledgement. */
    static ByteBuf ack(final ByteBufAllocator alloc, final Ack ack) {
        return object(alloc, 160, json -> {
            json.writeStringField("status", ack.status().name());
            json.writeNumberField("sequence", ack.sequence());
            if (ack.fingerprint() != null && !ack.fingerprint().isNone()) {
                json.writeStringField("fingerprint", ack.fingerprint().toString());
            }
            if (ack.detail() != null) {
                json.writeStringField("detail", ack.detail());
            }
        });
    }

    /** An error: a short machine-readable kind, the field or header at fault (or null), a line for people. */
    static ByteBuf error(final ByteBufAllocator alloc, final String error, final String field, final String message) {
        return object(alloc, 128, json -> {
            json.writeStringField("error", error);
            if (field != null) {
                json.writeStringField("field", field);
            }
            json.writeStringField("message", message);
        });
    }

    /** A one-member status object, for the health endpoints. */
    static ByteBuf status(final ByteBufAllocator alloc, final String status) {
        return object(alloc, 32, json -> json.writeStringField("status", status));
    }

    private static ByteBuf object(final ByteBufAllocator alloc, final int capacity, final Members members) {
        final ByteBuf out = alloc.buffer(capacity);
        try (JsonGenerator json = RequestBody.JSON.createGenerator((OutputStream)new ByteBufOutputStream(out))) {
            json.writeStartObject();
            members.write(json);
            json.writeEndObject();
        } catch (final IOException e) {
            out.release();
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
