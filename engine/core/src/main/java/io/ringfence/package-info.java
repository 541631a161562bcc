/**
 * The engine's façades: {@link io.ringfence.Engine}, what an embedder calls, {@link io.ringfence.EngineConfig}, what
 * it is started with, and {@link io.ringfence.OfflineEngine} with {@link io.ringfence.JournalReplay}, the same ingress
 * and business logic driven by one thread for replays. Only this package holds the fingerprint key; everything else
 * in the engine sits behind these.
 */
package io.ringfence;
