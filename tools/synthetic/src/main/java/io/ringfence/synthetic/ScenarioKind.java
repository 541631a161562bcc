package io.ringfence.synthetic;

import java.util.Locale;

/** The stories in the synthetic traffic. Every event is tagged with the one it belongs to. */
public enum ScenarioKind {
    NORMAL("normal spending", "ordinary cardholders shopping in store and online"),
    STOLEN_CARD("stolen card, online then in store",
        "a thief buys online from abroad on a new device, then taps the card in a store"),
    REPORTED_STOLEN("card reported stolen, then tapped",
        "the cardholder reports the card stolen; the thief then taps it in a store"),
    CARD_TESTING("card testing",
        "a bot tries a card with a burst of small online payments, then a cloned card is used in store"),
    SKIMMED_TERMINAL("skimmed terminal",
        "a skimmer on a fuel pump copies the cards used there; the copies are used elsewhere later"),
    LARGE_AMOUNT("large-amount fraud",
        "a fraudster with the card's details buys a few big-ticket items, far above the cardholder's usual amounts"),
    COMPROMISED_CARD("compromised card, amount spikes",
        "for up to two weeks someone spends on the card beside its owner, at five times the owner's usual amounts"),
    NEW_DEVICE_FOREIGN_IP("new device and IP country",
        "a fraudster buys online from a device, IP address and email never seen for the card, in another country"),
    FALSE_POSITIVE("false positive, never refused in store",
        "a genuine purchase abroad on a new laptop looks like fraud; the traveller's chip-and-PIN and later taps go through");

    private final String title;
    private final String story;

    ScenarioKind(final String title, final String story) {
        this.title = title;
        this.story = story;
    }

    public String title() {
        return title;
    }

    /** One sentence saying what happens. */
    public String story() {
        return story;
    }

    /** The name used in tags and the replay CSV's scenario column. */
    public String tagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
