/**
 * Snapshots of the whole business-logic state: written aside, checksummed, loaded newest good first.
 */
package io.ringfence.snapshot;
