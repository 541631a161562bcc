package io.ringfence.synthetic;

import io.ringfence.api.CardNumbers;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** Issues distinct 16-digit card numbers with a valid Luhn check digit, from a country's BINs. */
final class CardIssuer {
    private static final int PAN_LENGTH = 16;

    private final RandomDraws random;
    private final LocalDate issuedBefore;
    private final Set<String> issued = new HashSet<>();

    /**
     * @param random       where the account digits come from
     * @param issuedBefore cards expire between one and five years after this date
     */
    CardIssuer(final RandomDraws random, final LocalDate issuedBefore) {
        this.random = random;
        this.issuedBefore = issuedBefore;
    }

    SyntheticCard issue(final Country country) {
        String pan;
        do {
            final String body = random.pick(country.bins()) + random.digits(PAN_LENGTH - 7);
            pan = body + CardNumbers.luhnCheckDigit(body);
        } while (!issued.add(pan));
        final LocalDate expires = issuedBefore.plusMonths(12 + random.below(48));
        final String expiry = String.format("%02d%02d", expires.getMonthValue(), expires.getYear() % 100);
        return new SyntheticCard(pan, expiry, country.code());
    }
}
