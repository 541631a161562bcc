package io.ringfence.synthetic;

/** Why a handbook transaction is fraudulent, as the handbook numbers its scenarios. */
public enum HandbookScenario {
    GENUINE(""),
    /** Scenario 1: every amount above {@link HandbookSimulator#LARGE_AMOUNT_CENTS}. */
    LARGE_AMOUNT("large-amount"),
    /** Scenario 2: everything at a compromised terminal for {@link HandbookSimulator#TERMINAL_COMPROMISE_DAYS}. */
    COMPROMISED_TERMINAL("compromised-terminal"),
    /** Scenario 3: a third of a compromised customer's transactions, at five times the amount. */
    COMPROMISED_CUSTOMER("compromised-customer");

    private final String tagName;

    HandbookScenario(final String tagName) {
        this.tagName = tagName;
    }

    public boolean fraud() {
        return this != GENUINE;
    }

    /** The name in the replay CSV's scenario column; empty for a genuine transaction. */
    public String tagName() {
        return tagName;
    }
}
