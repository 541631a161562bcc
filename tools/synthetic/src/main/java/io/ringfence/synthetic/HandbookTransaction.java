package io.ringfence.synthetic;

/**
 * One transaction of the handbook profile: card present, at a terminal, in US dollars.
 *
 * @param number      its place in time order, from 0
 * @param timeMillis  epoch milliseconds, whole seconds
 * @param customer    the customer (and card), from 0
 * @param terminal    the terminal, from 0
 * @param amountCents the amount in cents, five times the drawn amount for a compromised customer's fraud
 * @param scenario    why it is fraud, or {@link HandbookScenario#GENUINE}
 */
public record HandbookTransaction(long number, long timeMillis, int customer, int terminal, long amountCents,
                                  HandbookScenario scenario) {
    public boolean fraud() {
        return scenario.fraud();
    }
}
