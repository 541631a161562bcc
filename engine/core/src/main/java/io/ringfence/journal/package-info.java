/**
 * The input and decision journals on Chronicle Queue: the binary event codec, writers, readers, and the summaries
 * and JSON dumps the operator tools print.
 */
package io.ringfence.journal;
