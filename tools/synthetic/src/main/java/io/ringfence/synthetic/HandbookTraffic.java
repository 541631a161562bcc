package io.ringfence.synthetic;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** The transactions of a handbook simulation, in time order, held in columns. */
public final class HandbookTraffic {
    private static final HandbookScenario[] SCENARIOS = HandbookScenario.values();
    private static final long MILLIS_PER_SECOND = 1_000L;

    private final HandbookConfig config;
    private final long firstDayMillis;
    private final int size;
    private final long[] seconds;
    private final int[] customer;
    private final int[] terminal;
    private final long[] amountCents;
    private final byte[] scenario;

    HandbookTraffic(final HandbookConfig config, final long firstDayMillis, final int size, final long[] seconds,
                    final int[] customer, final int[] terminal, final long[] amountCents, final byte[] scenario) {
        this.config = config;
        this.firstDayMillis = firstDayMillis;
        this.size = size;
        this.seconds = seconds;
        this.customer = customer;
        this.terminal = terminal;
        this.amountCents = amountCents;
        this.scenario = scenario;
    }

    public HandbookConfig config() {
        return config;
    }

    /** How many transactions. */
    public int size() {
        return size;
    }

    /** The {@code index}th transaction in time order. */
    public HandbookTransaction get(final int index) {
        return new HandbookTransaction(index, firstDayMillis + seconds[index] * MILLIS_PER_SECOND, customer[index],
            terminal[index], amountCents[index], SCENARIOS[scenario[index]]);
    }

    /** Every transaction, in time order. */
    public void forEach(final Consumer<HandbookTransaction> action) {
        for (int i = 0; i < size; i++) {
            action.accept(get(i));
        }
    }

    /** How many transactions each scenario labelled, {@link HandbookScenario#GENUINE} included. */
    public Map<HandbookScenario, Long> countsByScenario() {
        final Map<HandbookScenario, Long> counts = new EnumMap<>(HandbookScenario.class);
        for (final HandbookScenario kind : SCENARIOS) {
            counts.put(kind, 0L);
        }
        for (int i = 0; i < size; i++) {
            counts.merge(SCENARIOS[scenario[i]], 1L, Long::sum);
        }
        return counts;
    }

    /** How many transactions are fraud. */
    public long frauds() {
        long frauds = 0;
        for (int i = 0; i < size; i++) {
            frauds += scenario[i] == 0 ? 0 : 1;
        }
        return frauds;
    }
}
