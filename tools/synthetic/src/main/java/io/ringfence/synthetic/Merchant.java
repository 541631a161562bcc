package io.ringfence.synthetic;

import java.util.List;

/**
 * A merchant: an id, a category, a country, and the terminals of its stores (none for a merchant that only
 * sells online).
 *
 * @param id          merchant id as the acquirer sends it
 * @param category    what it sells
 * @param country     ISO 3166 alpha-2
 * @param terminalIds its card-present terminals
 * @param online      whether it takes card-not-present payments
 */
public record Merchant(String id, MerchantCategory category, String country, List<String> terminalIds,
    boolean online) {

    public Merchant {
        terminalIds = List.copyOf(terminalIds);
    }

    public boolean inStore() {
        return !terminalIds.isEmpty();
    }

    public int mcc() {
        return category.mcc();
    }

    public String currency() {
        return Country.of(country).currency();
    }

    String pickTerminal(final RandomDraws random) {
        return random.pick(terminalIds);
    }
}
