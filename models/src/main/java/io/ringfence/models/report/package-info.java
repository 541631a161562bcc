/**
 * The HTML evaluation report and its charts.
 */
package io.ringfence.models.report;
