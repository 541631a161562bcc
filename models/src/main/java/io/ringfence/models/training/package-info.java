/**
 * Training: replaying history through the engine for feature rows, training with Tribuo, compiling the result into
 * the engine's serving form, and the model directory's manifest.
 */
package io.ringfence.models.training;
