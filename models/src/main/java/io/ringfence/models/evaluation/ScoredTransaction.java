package io.ringfence.models.evaluation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One transaction of an evaluation: what the model said about it and what it really was.
 *
 * @param id         the transaction id (the replay format's {@code id} column; any string, only echoed)
 * @param card       the card reference; card precision@k and the test-set rule group by it
 * @param timeMillis the transaction time, epoch milliseconds; days are UTC days ({@link #day()})
 * @param score      the fraud score, in {@code [0, 1]}
 * @param fraud      the label: {@code true} for fraud
 */
public record ScoredTransaction(String id, String card, long timeMillis, double score, boolean fraud) {
    static final long DAY_MILLIS = 86_400_000L;

    /**
     * @throws IllegalArgumentException if the score is NaN or outside {@code [0, 1]}
     * @throws NullPointerException     if the id or card is null
     */
    public ScoredTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(card, "card");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("transaction " + id + ": score " + score + " is not in [0, 1]");
        }
    }

    /** The UTC calendar day of the transaction. */
    public LocalDate day() {
        return LocalDate.ofEpochDay(epochDay());
    }

    /** The UTC calendar day of the transaction, as days since 1970-01-01. */
    public long epochDay() {
        return Math.floorDiv(timeMillis, DAY_MILLIS);
    }
}
