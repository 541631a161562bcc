/**
 * The {@code ringfence} command line: picocli commands that parse arguments, call the engine, models or tools, and
 * print. No work of their own.
 */
package io.ringfence.cli;
