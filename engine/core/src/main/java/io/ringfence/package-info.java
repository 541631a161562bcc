/**
 * The embedded engine's façade: {@link io.ringfence.Engine}, what an embedder calls, and
 * {@link io.ringfence.EngineConfig}, what it is started with. Everything else in the engine sits behind these.
 */
package io.ringfence;
