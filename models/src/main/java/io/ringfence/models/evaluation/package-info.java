/**
 * The evaluation protocol and its metrics: the handbook split, AUC ROC, average precision, card precision@k and
 * threshold figures.
 */
package io.ringfence.models.evaluation;
