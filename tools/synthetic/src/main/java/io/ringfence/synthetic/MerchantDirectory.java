package io.ringfence.synthetic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every merchant of the synthetic world: stores with terminals in each home country, and online merchants
 * spread over the same countries. Every category is represented in every country it sells in.
 */
public final class MerchantDirectory {
    /** Cardholders per store in a country. */
    private static final int CARDHOLDERS_PER_STORE = 20;
    /** Cardholders per online merchant, worldwide. */
    private static final int CARDHOLDERS_PER_ONLINE_MERCHANT = 80;

    private final List<Merchant> all = new ArrayList<>();
    private final Map<String, List<Merchant>> storesByCountry = new LinkedHashMap<>();
    private final Map<String, Map<MerchantCategory, List<Merchant>>> storesByCountryAndCategory = new LinkedHashMap<>();
    private final List<Merchant> online = new ArrayList<>();
    private final Map<MerchantCategory, List<Merchant>> onlineByCategory = new EnumMap<>(MerchantCategory.class);
    private int nextTerminal = 1;

    private MerchantDirectory() {
    }

    /** Builds the merchants for a population of {@code cardholders}, spread like the cardholders. */
    static MerchantDirectory build(final int cardholders, final RandomDraws random) {
        final MerchantDirectory directory = new MerchantDirectory();
        final int totalWeight = Country.HOMES.stream().mapToInt(Country::weight).sum();
        final List<MerchantCategory> inStore = new ArrayList<>();
        final List<MerchantCategory> onlineCategories = new ArrayList<>();
        for (final MerchantCategory category : MerchantCategory.values()) {
            if (category.sellsInStore()) {
                inStore.add(category);
            }
            if (category.sellsOnline()) {
                onlineCategories.add(category);
            }
        }
        for (final Country country : Country.HOMES) {
            final int local = cardholders * country.weight() / totalWeight;
            final int stores = Math.max(inStore.size() * 2, local / CARDHOLDERS_PER_STORE);
            for (int i = 0; i < stores; i++) {
                final MerchantCategory category = i < inStore.size() ? inStore.get(i)
                    : random.pickWeighted(inStore, MerchantCategory::inStoreWeight);
                directory.add(category, country.code(), terminalsFor(category, random), category.sellsOnline()
                    && random.chance(0.5));
            }
        }
        final int onlineMerchants = Math.max(onlineCategories.size() * 2, cardholders / CARDHOLDERS_PER_ONLINE_MERCHANT);
        for (int i = 0; i < onlineMerchants; i++) {
            final MerchantCategory category = i < onlineCategories.size() ? onlineCategories.get(i)
                : random.pickWeighted(onlineCategories, MerchantCategory::onlineWeight);
            final Country country = random.pickWeighted(Country.HOMES, Country::weight);
            directory.add(category, country.code(), 0, true);
        }
        return directory;
    }

    private static int terminalsFor(final MerchantCategory category, final RandomDraws random) {
        return switch (category) {
            case GROCERY, DEPARTMENT_STORE -> 3 + random.below(6);
            case SERVICE_STATION -> 4 + random.below(5);
            case TRANSIT -> 6 + random.below(10);
            default -> 1 + random.below(3);
        };
    }

    private void add(final MerchantCategory category, final String country, final int terminals,
        final boolean online) {
        final String id = String.format("M%06d", all.size() + 1);
        final List<String> terminalIds = new ArrayList<>(terminals);
        for (int t = 0; t < terminals; t++) {
            terminalIds.add(String.format("T%07d", nextTerminal++));
        }
        final Merchant merchant = new Merchant(id, category, country, terminalIds, online || terminals == 0);
        all.add(merchant);
        if (merchant.inStore()) {
            storesByCountry.computeIfAbsent(country, c -> new ArrayList<>()).add(merchant);
            storesByCountryAndCategory.computeIfAbsent(country, c -> new EnumMap<>(MerchantCategory.class))
                .computeIfAbsent(category, c -> new ArrayList<>()).add(merchant);
        }
        if (merchant.online()) {
            this.online.add(merchant);
            onlineByCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(merchant);
        }
    }

    public List<Merchant> all() {
        return List.copyOf(all);
    }

    public int size() {
        return all.size();
    }

    public int terminalCount() {
        return nextTerminal - 1;
    }

    /** Stores in a country. */
    List<Merchant> stores(final String country) {
        return storesByCountry.get(country);
    }

    /** Stores of one category in a country. */
    List<Merchant> stores(final String country, final MerchantCategory category) {
        return storesByCountryAndCategory.get(country).get(category);
    }

    /** A store in the country, picked by how often people shop in its category. */
    Merchant pickStore(final String country, final RandomDraws random) {
        final MerchantCategory category = random.pickWeighted(List.of(MerchantCategory.values()),
            MerchantCategory::inStoreWeight);
        return random.pick(stores(country, category));
    }

    /** An online merchant, picked by how often people shop in its category. */
    Merchant pickOnline(final RandomDraws random) {
        final MerchantCategory category = random.pickWeighted(List.of(MerchantCategory.values()),
            MerchantCategory::onlineWeight);
        return random.pick(onlineByCategory.get(category));
    }

    /** An online merchant of a category, preferring one outside {@code notIn}. */
    Merchant pickOnline(final MerchantCategory category, final String notIn, final RandomDraws random) {
        final List<Merchant> candidates = new ArrayList<>();
        for (final Merchant merchant : onlineByCategory.get(category)) {
            if (!merchant.country().equals(notIn)) {
                candidates.add(merchant);
            }
        }
        return random.pick(candidates.isEmpty() ? onlineByCategory.get(category) : candidates);
    }
}
