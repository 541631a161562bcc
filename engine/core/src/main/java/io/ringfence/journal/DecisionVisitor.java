package io.ringfence.journal;

/** Receives decision journal records in journal order. */
@FunctionalInterface
public interface DecisionVisitor {
    void onDecision(DecisionRecord record);
}
