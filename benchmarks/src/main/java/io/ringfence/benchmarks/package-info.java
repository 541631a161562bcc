/**
 * JMH benchmarks of the engine's parts and of whole round trips, built into one {@code benchmarks.jar}.
 */
package io.ringfence.benchmarks;
