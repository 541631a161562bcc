/**
 * The LMAX Disruptor ring and its stages, built in one place ({@link io.ringfence.pipeline.AuthorizationPipeline}):
 * journal, business logic, decision journal, release; recovery on start; how callers wait for their answer.
 */
package io.ringfence.pipeline;
