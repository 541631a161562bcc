/**
 * The one mutable event that flows through every stage of the ring, pre-allocated in its slots, and the small
 * types it carries (event type, ingress rejection, where to answer).
 */
package io.ringfence.event;
