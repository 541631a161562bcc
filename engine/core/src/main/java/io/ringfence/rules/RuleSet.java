package io.ringfence.rules;

import io.ringfence.api.Action;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled rules file: its rules and lists, ready for {@link #decide}. Rules in force are evaluated in Radar's
 * action order (Request 3DS, Allow, Block, Review), in file order within an action, and the first that matches and
 * {@linkplain RuleAction#decidesOver can decide} decides; every shadow rule is evaluated and counted first, since none
 * of them stops the others.
 */
public final class RuleSet {
    /** No rules: what an engine starts with. */
    public static final RuleSet NONE = new RuleSet(null, new byte[32], List.of(), Map.of());

    private final String path;
    private final byte[] sha256;
    private final List<Rule> rules;
    private final Map<String, RuleList> lists;
    private final Rule[] inForce;
    private final Rule[] shadows;

    RuleSet(final String path, final byte[] sha256, final List<Rule> rules, final Map<String, RuleList> lists) {
        this.path = path;
        this.sha256 = sha256.clone();
        this.rules = List.copyOf(rules);
        this.lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
        final List<Rule> ordered = new ArrayList<>();
        final List<Rule> shadowed = new ArrayList<>();
        for (final Rule rule : rules) {
            (rule.shadow() ? shadowed : ordered).add(rule);
        }
        ordered.sort(Comparator.comparing(Rule::action));
        this.inForce = ordered.toArray(new Rule[0]);
        this.shadows = shadowed.toArray(new Rule[0]);
    }

    /**
     * Evaluates the rules against one payment, counting every shadow match and the deciding rule's hit.
     *
     * @param scored what the score alone would do with the payment: Request 3DS and Review rules cannot weaken it
     * @return the rule that decides the payment, or null when no rule in force matches and can decide
     */
    public Rule decide(final RuleInput in, final Action scored) {
        for (final Rule shadow : shadows) {
            if (!skips(shadow, in)) {
                shadow.testAndCount(in);
            }
        }
        for (final Rule rule : inForce) {
            if (!skips(rule, in) && rule.action().decidesOver(scored) && rule.testAndCount(in)) {
                return rule;
            }
        }
        return null;
    }

    /** 3-D Secure exists only online: a Request 3DS rule says nothing about an in-store payment. */
    private static boolean skips(final Rule rule, final RuleInput in) {
        return rule.action() == RuleAction.REQUEST_3DS && !in.cardNotPresent;
    }

    /** True for a set without rules, which the business logic does not evaluate at all. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The file the rules were compiled from (absolute), or null for {@link #NONE}. */
    public String path() {
        return path;
    }

    /** The SHA-256 of the file's bytes (zeros for {@link #NONE}). */
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The rules in file order, shadow rules included. */
    public List<Rule> rules() {
        return rules;
    }

    /** The lists by name (without the {@code @}), in file order. */
    public Map<String, RuleList> lists() {
        return lists;
    }

    /** The list called {@code name}, with or without its {@code @}, or null. */
    public RuleList list(final String name) {
        return lists.get(name.startsWith("@") ? name.substring(1) : name);
    }

    /** Hits by counter label: {@code rules.hits.<name>} for rules in force, {@code rules.shadow.<name>} for shadows. */
    public Map<String, Long> hitCounters() {
        final Map<String, Long> counters = new LinkedHashMap<>();
        for (final Rule rule : rules) {
            counters.put((rule.shadow() ? "rules.shadow." : "rules.hits.") + rule.name(), rule.hits());
        }
        return counters;
    }
}
