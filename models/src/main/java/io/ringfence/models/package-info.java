/**
 * The analyst's workbench: evaluating a trained model by the handbook's protocol and finding model directories; its
 * parts are in the sub-packages.
 */
package io.ringfence.models;
