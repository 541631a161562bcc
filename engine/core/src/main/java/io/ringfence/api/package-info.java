/**
 * The value types callers exchange with the engine: requests, decisions, card references, fraud reports, codes,
 * counters and configuration values. A leaf: it uses nothing else of ours, so every other package may use it.
 */
package io.ringfence.api;
