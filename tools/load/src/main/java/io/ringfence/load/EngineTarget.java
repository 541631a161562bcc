package io.ringfence.load;

import io.ringfence.EngineClient;
import io.ringfence.api.AuthorizationRequest;

/** The embedded engine, through an {@link EngineClient}: no network, the engine's own latency. */
final class EngineTarget implements LoadTarget {
    private final EngineClient client;
    private Answers current;
    private final EngineClient.DecisionHandler handler = (correlation, sentNanos, answer) ->
        current.answered(correlation, sentNanos, answer.standIn());

    EngineTarget(final EngineClient client) {
        this.client = client;
    }

    @Override
    public boolean submit(final AuthorizationRequest request, final long correlation, final Answers answers) {
        current = answers;
        return client.submit(request, correlation, handler);
    }

    @Override
    public int poll(final Answers answers) {
        current = answers;
        return client.poll(handler);
    }

    @Override
    public String describe() {
        return "embedded engine";
    }

    @Override
    public void close() {
        // The client holds no resources of its own: its slots go with it.
    }
}
