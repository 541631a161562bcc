package io.ringfence.synthetic;

/**
 * An analyst lifting a card's flag after confirming the card's use was genuine.
 *
 * @param timeMillis when the analyst clears it
 * @param card       the card
 * @param tag        the story
 */
public record SyntheticFlagClear(long timeMillis, SyntheticCard card, ScenarioTag tag) implements SyntheticEvent {
}
