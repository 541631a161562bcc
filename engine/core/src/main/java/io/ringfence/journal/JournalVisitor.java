package io.ringfence.journal;

import io.ringfence.event.EngineEvent;

/** Receives journaled events in sequence order. The event is reused: copy what must outlive the call. */
@FunctionalInterface
public interface JournalVisitor {
    void onEvent(EngineEvent event, long sequence);
}
