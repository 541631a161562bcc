package io.ringfence.synthetic;

import io.ringfence.api.Channel;
import io.ringfence.api.EntryMode;

/** Makes authorizations: the one place that knows which request fields each channel carries. */
final class Purchases {
    private Purchases() {
    }

    /** A typical amount at a merchant of this category for someone with this spending level, in minor units. */
    static long typicalAmount(final MerchantCategory category, final double spendLevel, final RandomDraws random) {
        final double major = Math.max(category.minimumAmount(),
            random.logNormal(category.medianAmount() * spendLevel, category.amountSpread()));
        return Math.round(major * 100.0);
    }

    /** An amount drawn evenly between two major-unit bounds, in minor units. */
    static long amountBetween(final double fromMajor, final double toMajor, final RandomDraws random) {
        return Math.round(random.between(fromMajor, toMajor) * 100.0);
    }

    static SyntheticAuthorization inStore(final SyntheticCard card, final Merchant merchant, final String terminalId,
        final long timeMillis, final long amountMinor, final EntryMode entryMode, final ScenarioTag tag) {
        return new SyntheticAuthorization(null, timeMillis, card, amountMinor, merchant.currency(), Channel.CP,
            entryMode, merchant, terminalId, null, null, null, null, null, tag);
    }

    static SyntheticAuthorization online(final SyntheticCard card, final Merchant merchant, final long timeMillis,
        final long amountMinor, final EntryMode entryMode, final OnlineIdentity who, final ScenarioTag tag) {
        return new SyntheticAuthorization(null, timeMillis, card, amountMinor, merchant.currency(), Channel.CNP,
            entryMode, merchant, null, who.ipAddress(), who.ipCountry(), who.device().id(), who.email(),
            who.billingCountry(), tag);
    }

    /**
     * How a cardholder pays in store, by their habits. An inserted chip is verified by PIN, as EMV is almost everywhere,
     * except on cards issued in the United States, where chip cards mostly verify by signature or not at all.
     */
    static EntryMode inStoreEntryMode(final SpendingHabits habits, final Country home, final RandomDraws random) {
        final EntryMode mode = inStoreEntryModeWithoutPin(habits, random);
        return mode == EntryMode.CHIP && !"US".equals(home.code()) ? EntryMode.CHIP_AND_PIN : mode;
    }

    /** How someone who holds the card but not its PIN pays with it in store, by its owner's habits. */
    static EntryMode inStoreEntryModeWithoutPin(final SpendingHabits habits, final RandomDraws random) {
        if (random.chance(habits.contactlessShare())) {
            return random.chance(habits.walletShare()) ? EntryMode.WALLET : EntryMode.CONTACTLESS;
        }
        return random.chance(0.01) ? EntryMode.SWIPE : EntryMode.CHIP;
    }
}
