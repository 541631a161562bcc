/**
 * The feature vector's named, versioned shape: each feature, the schema id a model must match, and the vector
 * itself. Pure description; the business logic computes the values.
 */
package io.ringfence.features;
