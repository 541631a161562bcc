package io.ringfence.rules;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One compiled rule. Its hit counter is written by the business-logic thread alone and may be read from any thread.
 */
public final class Rule {
    private final String name;
    private final RuleAction action;
    private final boolean shadow;
    private final int line;
    private final Condition condition;
    private final AtomicLong hits = new AtomicLong();

    Rule(final String name, final RuleAction action, final boolean shadow, final int line, final Condition condition) {
        this.name = name;
        this.action = action;
        this.shadow = shadow;
        this.line = line;
        this.condition = condition;
    }

    /** The name in brackets before the rule, or {@code rule-} and a hash of its text for an unnamed rule. */
    public String name() {
        return name;
    }

    public RuleAction action() {
        return action;
    }

    /** A shadow rule is evaluated and counted, never acted on. */
    public boolean shadow() {
        return shadow;
    }

    /** The rule's line in its file. */
    public int line() {
        return line;
    }

    /**
     * How often the rule matched since it was loaded: for a rule in force, the payments it decided; for a shadow
     * rule, the payments it would have matched.
     */
    public long hits() {
        return hits.get();
    }

    /** Tests the condition without counting: for tools that evaluate one payment against every rule. */
    public boolean matches(final RuleInput in) {
        return condition.test(in);
    }

    boolean testAndCount(final RuleInput in) {
        if (condition.test(in)) {
            hits.lazySet(hits.get() + 1);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return (shadow ? "shadow " : "") + action.keyword() + " [" + name + "] line " + line;
    }
}
