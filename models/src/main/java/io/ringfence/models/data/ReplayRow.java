package io.ringfence.models.data;

import io.ringfence.api.AuthorizationRequest;

/**
 * One row of a replay CSV file.
 *
 * @param line     1-based line number in the file
 * @param request  the authorization, its transmission time from the timestamp column
 * @param id       the id column, or null when absent or empty (also the request's id)
 * @param label    the label column
 * @param scenario the synthetic generator's story for the row, or null when absent or empty
 */
public record ReplayRow(long line, AuthorizationRequest request, String id, Label label, String scenario) {
    /** What the label column says about a row. */
    public enum Label {
        FRAUD,
        GENUINE,
        /** No label column, or an empty cell. */
        UNKNOWN
    }

    /** The transmission time, epoch milliseconds. */
    public long timeMillis() {
        return request.transmissionTimeMillis();
    }

    public boolean fraud() {
        return label == Label.FRAUD;
    }
}
