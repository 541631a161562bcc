package io.ringfence.api;

/**
 * A report that a card was used fraudulently: flags the card from the next event on, and counts against the
 * merchant and terminal where the fraud happened and the terminal where the card was last used in store.
 *
 * @param card             the reported card
 * @param kind             who reports it
 * @param reportTimeMillis when the report was made (epoch milliseconds); {@link AuthorizationRequest#NO_TIME}
 *                         to let ingress stamp it
 * @param merchantId       merchant of the fraudulent transaction, or null
 * @param terminalId       terminal of the fraudulent transaction, or null
 */
public record FraudReport(CardRef card, FraudReportKind kind, long reportTimeMillis, String merchantId,
    String terminalId) {

    public FraudReport {
        if (card == null || kind == null) {
            throw new IllegalArgumentException("a fraud report needs a card and a kind");
        }
    }

    /** A report naming only the card. */
    public static FraudReport of(final CardRef card, final FraudReportKind kind, final long reportTimeMillis) {
        return new FraudReport(card, kind, reportTimeMillis, null, null);
    }
}
