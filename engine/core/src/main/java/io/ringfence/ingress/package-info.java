/**
 * The caller-side decoder: validates a request, fingerprints the card with the installation key and fills an event
 * before it enters the ring, so no card number goes further.
 */
package io.ringfence.ingress;
