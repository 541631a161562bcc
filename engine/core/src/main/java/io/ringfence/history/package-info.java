/**
 * The off-heap stores of card, merchant and terminal history and token links: fixed-size tables of flyweight
 * records with rolling windows, sized at start and evicting the least recently seen entry when full.
 */
package io.ringfence.history;
