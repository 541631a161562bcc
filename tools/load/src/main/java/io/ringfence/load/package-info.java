/**
 * The open-loop load harness: scheduled sends, latency from the intended send time, flag-to-block probes, rate
 * sweeps, histogram files and plots.
 */
package io.ringfence.load;
