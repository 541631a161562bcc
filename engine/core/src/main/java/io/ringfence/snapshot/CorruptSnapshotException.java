package io.ringfence.snapshot;

import java.io.IOException;

/** A snapshot file that must not be loaded; the message is the reason, fit for one log line. */
final class CorruptSnapshotException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptSnapshotException(final String reason) {
        super(reason);
    }
}
