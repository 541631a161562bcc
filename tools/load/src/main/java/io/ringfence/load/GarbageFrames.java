package io.ringfence.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Bad input for an ISO 8583 door, sent while the load runs on its own connection: each frame on a connection of its
 * own, spread evenly over the phase, cycling through what a broken or hostile peer sends: random bytes behind a
 * plausible length, a length over any limit, half a frame then a hang-up, and a message whose MTI and STAN read but
 * whose fields do not. The door must survive them all and keep answering the good connection on time.
 */
final class GarbageFrames {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private GarbageFrames() {
    }

    /** Sends {@code frames} bad frames between {@code startNanos} and {@code startNanos + durationNanos}. */
    static long send(final String host, final int port, final long frames, final long startNanos,
        final long durationNanos, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        long sent = 0;
        for (long i = 0; i < frames; i++) {
            final long dueNanos = startNanos + durationNanos * i / frames;
            for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                final OutputStream out = socket.getOutputStream();
                out.write(frame((int)(i % 4), random));
                out.flush();
                sent++;
            } catch (final IOException e) {
                // The door may close a connection before all of a bad frame is written: that is its answer.
                sent++;
            }
        }
        return sent;
    }

    private static byte[] frame(final int kind, final SplittableRandom random) {
        return switch (kind) {
            case 0 -> {
                final byte[] bytes = new byte[2 + 16 + random.nextInt(256)];
                random.nextBytes(bytes);
                bytes[0] = (byte)((bytes.length - 2) >>> 8);
                bytes[1] = (byte)(bytes.length - 2);
                yield bytes;
            }
            case 1 -> new byte[] {(byte)0xFF, (byte)0xFF, 0x01, 0x00, 0x00, 0x00};
            case 2 -> {
                final byte[] bytes = new byte[2 + 40];
                bytes[0] = 0;
                bytes[1] = (byte)200;
                bytes[2] = 0x01;
                yield bytes;
            }
            default -> {
                // 0100 with fields 11 and 35: the STAN reads, track 2's length (99) is over its maximum (37).
                final byte[] bytes = new byte[2 + 2 + 8 + 3 + 1 + 4];
                bytes[1] = (byte)(bytes.length - 2);
                bytes[2] = 0x01;
                bytes[5] = 0x20;
                bytes[8] = 0x20;
                bytes[14] = 0x42;
                bytes[15] = (byte)0x99;
                yield bytes;
            }
        };
    }
}
