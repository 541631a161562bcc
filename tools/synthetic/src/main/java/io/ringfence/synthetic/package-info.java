/**
 * The seeded traffic generator: a population of cardholders and merchants, their daily habits and the fraud
 * stories cast among them, as engine requests. Knows only the engine's value types.
 */
package io.ringfence.synthetic;
