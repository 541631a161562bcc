package io.ringfence.api;

/**
 * How the engine's stages map to threads, as Aeron's media driver composes its agents.
 *
 * <ul>
 *   <li>{@link #SHARED}: one engine thread runs, per event, the input-journal append, the business logic, the release
 *       of the answer and the decision-journal append. "A decision is released only after its input is journaled"
 *       then holds by program order; under {@link Durability#POWER_LOSS} a batch is released after the one sync that
 *       covers it. For machines with few cores, where each extra busy thread fights the others for a CPU.</li>
 *   <li>{@link #DEDICATED}: a thread per stage (business logic and journal side by side, then release, then the
 *       decision journal), for machines with a core to spare for each.</li>
 * </ul>
 */
public enum ThreadingMode {
    DEDICATED,
    SHARED;

    /** The processors at or below which {@link #SHARED} is the default. */
    public static final int SHARED_UP_TO_PROCESSORS = 4;

    /** {@link #SHARED} on {@value #SHARED_UP_TO_PROCESSORS} processors or fewer, else {@link #DEDICATED}. */
    public static ThreadingMode forProcessors(final int processors) {
        return processors <= SHARED_UP_TO_PROCESSORS ? SHARED : DEDICATED;
    }
}
