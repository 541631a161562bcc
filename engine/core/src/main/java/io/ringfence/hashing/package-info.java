/**
 * The 64-bit hash that is the same in every JVM and run, for identifiers and the feature schema: the journal and
 * replays depend on its stability.
 */
package io.ringfence.hashing;
