/**
 * The engine without a ring: the same ingress and business logic driven by one thread, for journal replay,
 * training, backtests and tests.
 */
package io.ringfence.offline;
