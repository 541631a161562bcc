package io.ringfence.synthetic;

import java.util.List;

/**
 * A country cardholders live in: its currency, its share of the population and the BINs its issuers use.
 *
 * @param code     ISO 3166 alpha-2
 * @param currency ISO 4217 alpha code of its cards and merchants
 * @param weight   relative share of cardholders
 * @param bins     six-digit issuer identification numbers of its cards (made up)
 */
public record Country(String code, String currency, int weight, List<String> bins) {
    /** Where the synthetic population lives and shops; every currency has two decimals. */
    public static final List<Country> HOMES = List.of(
        new Country("US", "USD", 40, List.of("414720", "426684", "517805", "546616")),
        new Country("GB", "GBP", 15, List.of("454313", "492181", "535522")),
        new Country("DE", "EUR", 12, List.of("455600", "520303")),
        new Country("FR", "EUR", 10, List.of("497010", "513100")),
        new Country("CA", "CAD", 8, List.of("450644", "519123")),
        new Country("ES", "EUR", 6, List.of("454881", "540047")),
        new Country("IT", "EUR", 5, List.of("453997", "525500")),
        new Country("NL", "EUR", 4, List.of("450903", "520416")));

    /** IP countries fraudsters' traffic appears from. */
    public static final List<String> FRAUD_ORIGINS = List.of("RO", "NG", "BR", "VN", "ID", "UA");

    public static Country of(final String code) {
        for (final Country country : HOMES) {
            if (country.code.equals(code)) {
                return country;
            }
        }
        throw new IllegalArgumentException("not a home country: " + code);
    }

    public Country {
        bins = List.copyOf(bins);
    }
}
