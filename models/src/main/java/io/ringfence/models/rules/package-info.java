/** The analyst's side of rules: checking a rules file and backtesting it on a CSV replay file. */
package io.ringfence.models.rules;
