/**
 * The CSV replay format: reading it into engine requests, and writing generated traffic in it.
 */
package io.ringfence.models.data;
