/**
 * The business logic: {@link io.ringfence.decision.RiskEngine} owns every piece of mutable state and applies one
 * event at a time (features, score, decide, update, flag); the decision policy maps a score to an action and code.
 */
package io.ringfence.decision;
