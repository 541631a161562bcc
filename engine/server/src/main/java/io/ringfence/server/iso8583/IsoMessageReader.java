package io.ringfence.server.iso8583;

import io.netty.buffer.Unpooled;
import io.ringfence.server.ServerConfig;

import java.nio.ByteBuffer;

/**
 * Reads a message the door sent (its length header already taken off), by the same field table the door uses; for
 * tools that speak to a running server without jPOS: the network bench. Reusable; the fields read stay valid until
 * the next {@link #read}.
 */
public final class IsoMessageReader {
    private final IsoMessage message;

    public IsoMessageReader(final ServerConfig.IsoWireFormat format) {
        this.message = new IsoMessage(format == ServerConfig.IsoWireFormat.BINARY);
    }

    /**
     * Reads the {@code length} bytes at {@code frame}'s position, without moving it.
     *
     * @throws IllegalArgumentException when they are not a whole message
     */
    public void read(final ByteBuffer frame, final int length) {
        try {
            message.decode(Unpooled.wrappedBuffer(frame.duplicate()), 0, length);
        } catch (final IsoFormatException e) {
            throw new IllegalArgumentException("not an ISO 8583 message: " + e.getMessage(), e);
        }
    }

    /** The message type as a number ({@code 0110} is 110). */
    public int mti() {
        return message.mti();
    }

    /** A field's text as it arrived (field 39: "00"), or null when absent or unreadable. */
    public String text(final int field) {
        if (!message.readable(field)) {
            return null;
        }
        try {
            return message.text(field, false);
        } catch (final IsoFormatException e) {
            return null;
        }
    }

    /** A numeric field's value (field 11, the STAN), or -1 when absent. */
    public long number(final int field) {
        return message.readable(field) ? message.number(field, 0, message.length(field)) : -1;
    }
}
