package io.ringfence.event;

/**
 * Receives the outcome of an event once the response stage releases it. Called on the response thread: an
 * implementation copies what it needs out of the event and returns at once; the slot is reused afterwards.
 */
public interface ResponseSink {
    void onResponse(EngineEvent event, long releaseNanos);
}
