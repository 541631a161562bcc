package io.ringfence.event;

/**
 * Receives the outcome of an event once the response stage releases it. Called on the response thread: an
 * implementation copies what it needs out of the event and returns at once; the slot is reused afterwards.
 */
public interface ResponseSink {
    /**
     * @return true when the caller takes this outcome; false when the caller had already been answered (a stand-in
     *     at its deadline), so this outcome is late and nobody was told it
     */
    boolean onResponse(EngineEvent event, long releaseNanos);
}
