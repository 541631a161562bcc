/**
 * The engine's counters (Agrona atomic counters in one buffer) and its distinct-error log: what hot paths record
 * instead of logging.
 */
package io.ringfence.metrics;
