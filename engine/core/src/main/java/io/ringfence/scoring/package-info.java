/**
 * Scorers: the built-in policy and the compiled forms of trained models (linear, tree ensembles) that score a
 * feature vector without allocating, and the serving file they are loaded from.
 */
package io.ringfence.scoring;
