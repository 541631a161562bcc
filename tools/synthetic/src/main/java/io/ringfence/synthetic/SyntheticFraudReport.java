package io.ringfence.synthetic;

import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;

/**
 * A fraud report reaching the engine: an issuer report (the cardholder called), a fraud chargeback or an
 * analyst's verdict.
 *
 * @param timeMillis when the report is made
 * @param card       the reported card
 * @param kind       who reports
 * @param merchant   the merchant of the reported fraud, or null when the report names only the card
 * @param tag        the story
 */
public record SyntheticFraudReport(long timeMillis, SyntheticCard card, FraudReportKind kind, Merchant merchant,
    ScenarioTag tag) implements SyntheticEvent {

    public FraudReport toFraudReport() {
        return new FraudReport(card.ref(), kind, timeMillis, merchant == null ? null : merchant.id(), null);
    }
}
