package io.ringfence.history;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A fixed-seconds rolling window kept as four time buckets inside a record, each holding two saturating
 * counters (a count and an amount, or two counts).
 *
 * <p>Resolution: a window of W seconds uses buckets of W/4 seconds aligned to the Unix epoch. An event is
 * counted while its bucket is among the four most recent, so at time t an event of age a is always counted when
 * {@code a < 3W/4}, never counted when {@code a >= W}, and counted in between depending on where t falls in its
 * bucket. Reads never change the record, so a feature read before the update excludes the event being scored.
 *
 * <p>The buckets carry no time of their own: they are read and advanced relative to the record's last-update
 * second, which the owner keeps and passes in. Times are seconds; {@code now >= lastUpdate} is required (owners
 * clamp late events to their last-update time).
 *
 * <pre>
 *  bucket i = (second / bucketSeconds) mod 4, each: [ first counter | second counter ], width 1 or 2 bytes
 * </pre>
 */
public final class RollingWindow {
    public static final int BUCKETS = 4;

    private final long windowSeconds;
    private final long bucketSeconds;
    private final int fieldWidth;
    private final int maxValue;

    /**
     * @param windowSeconds window length; a multiple of 4
     * @param fieldWidth    bytes per counter: 1 (saturates at 255) or 2 (saturates at 65535)
     */
    public RollingWindow(final long windowSeconds, final int fieldWidth) {
        if (windowSeconds % BUCKETS != 0 || (fieldWidth != 1 && fieldWidth != 2)) {
            throw new IllegalArgumentException("window " + windowSeconds + "s width " + fieldWidth);
        }
        this.windowSeconds = windowSeconds;
        this.bucketSeconds = windowSeconds / BUCKETS;
        this.fieldWidth = fieldWidth;
        this.maxValue = fieldWidth == 1 ? 0xFF : 0xFFFF;
    }

    /** Bytes the window takes in a record. */
    public int length() {
        return BUCKETS * 2 * fieldWidth;
    }

    public long windowSeconds() {
        return windowSeconds;
    }

    public long bucketSeconds() {
        return bucketSeconds;
    }

    /** Sum of the first counter over the window ending at {@code now}. */
    public int sumFirst(final UnsafeBuffer buffer, final int offset, final long lastUpdate, final long now) {
        return sum(buffer, offset, lastUpdate, now, 0);
    }

    /** Sum of the second counter over the window ending at {@code now}. */
    public int sumSecond(final UnsafeBuffer buffer, final int offset, final long lastUpdate, final long now) {
        return sum(buffer, offset, lastUpdate, now, fieldWidth);
    }

    /** Clears the buckets that have rolled out between {@code lastUpdate} and {@code now}. */
    public void advance(final UnsafeBuffer buffer, final int offset, final long lastUpdate, final long now) {
        final long lastBucket = lastUpdate / bucketSeconds;
        final long end = Math.min(now / bucketSeconds, lastBucket + BUCKETS);
        for (long b = lastBucket + 1; b <= end; b++) {
            final int at = slotOffset(offset, b);
            write(buffer, at, 0);
            write(buffer, at + fieldWidth, 0);
        }
    }

    /** Adds to the bucket of {@code now}; call {@link #advance} first. Counters saturate instead of wrapping. */
    public void add(final UnsafeBuffer buffer, final int offset, final long now, final long first, final long second) {
        final int at = slotOffset(offset, now / bucketSeconds);
        write(buffer, at, (int)Math.min(maxValue, read(buffer, at) + first));
        write(buffer, at + fieldWidth, (int)Math.min(maxValue, read(buffer, at + fieldWidth) + second));
    }

    /**
     * Takes back what {@link #add} put in the bucket of {@code at}, if that bucket is still in the window ending at
     * {@code lastUpdate}; counters stop at zero (a saturated bucket may have lost some of the addition).
     */
    public void subtract(final UnsafeBuffer buffer, final int offset, final long lastUpdate, final long at,
        final long first, final long second) {
        final long bucket = at / bucketSeconds;
        final long lastBucket = lastUpdate / bucketSeconds;
        if (bucket > lastBucket || bucket <= lastBucket - BUCKETS) {
            return;
        }
        final int slot = slotOffset(offset, bucket);
        write(buffer, slot, (int)Math.max(0, read(buffer, slot) - first));
        write(buffer, slot + fieldWidth, (int)Math.max(0, read(buffer, slot + fieldWidth) - second));
    }

    private int sum(final UnsafeBuffer buffer, final int offset, final long lastUpdate, final long now, final int field) {
        final long lastBucket = lastUpdate / bucketSeconds;
        final long first = Math.max(now / bucketSeconds, lastBucket) - (BUCKETS - 1);
        int total = 0;
        for (long b = Math.max(first, lastBucket - (BUCKETS - 1)); b <= lastBucket; b++) {
            total += read(buffer, slotOffset(offset, b) + field);
        }
        return total;
    }

    private int slotOffset(final int offset, final long bucket) {
        return offset + (int)(bucket & (BUCKETS - 1)) * 2 * fieldWidth;
    }

    private int read(final UnsafeBuffer buffer, final int at) {
        return fieldWidth == 1 ? buffer.getByte(at) & 0xFF : buffer.getShort(at) & 0xFFFF;
    }

    private void write(final UnsafeBuffer buffer, final int at, final int value) {
        if (fieldWidth == 1) {
            buffer.putByte(at, (byte)value);
        } else {
            buffer.putShort(at, (short)value);
        }
    }
}
