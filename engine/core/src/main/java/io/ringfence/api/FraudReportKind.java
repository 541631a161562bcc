package io.ringfence.api;

/** Where a fraud report comes from. Each one flags the card. */
public enum FraudReportKind {
    ISSUER_REPORT,
    FRAUD_CHARGEBACK,
    ANALYST_VERDICT
}
