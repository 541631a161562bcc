package io.ringfence.snapshot;

import java.nio.file.Path;

/**
 * A snapshot file as its name describes it, for tools and retention; {@link SnapshotStore#loadLatest} is what checks
 * its contents.
 *
 * @param file     the {@code .snap} file
 * @param sequence the sequence of the last event applied to the state it holds
 * @param size     file size in bytes
 */
public record SnapshotInfo(Path file, long sequence, long size) {
}
