/**
 * The demo: drives a generated day through an engine and reports decisions, scenario outcomes, cross-channel blocks
 * and latency.
 */
package io.ringfence.demo;
