package io.ringfence.models.rules;

import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.rules.Rule;
import io.ringfence.rules.RuleList;
import io.ringfence.rules.RuleSet;
import io.ringfence.rules.RulesCompiler;
import io.ringfence.rules.RulesException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles a rules file as the engine would and says what it holds. Items are hashed with the public development key
 * here: whether a file compiles does not depend on the key, and the hashes are thrown away.
 */
public final class RulesCheck {
    /**
     * What a rules file holds.
     *
     * @param rules   rules in force
     * @param shadows shadow rules
     * @param lists   items per list by name; -1 for a list no rule tests, whose items are not kept
     */
    public record Summary(int rules, int shadows, Map<String, Integer> lists) {
        /** One line: {@code 5 rules (1 shadow), 2 lists (@a 2 items, @b 100000 items)}. */
        public String text() {
            final StringBuilder lines = new StringBuilder();
            for (final Map.Entry<String, Integer> list : lists.entrySet()) {
                lines.append(lines.length() == 0 ? "" : ", ").append('@').append(list.getKey())
                    .append(list.getValue() < 0 ? " tested by no rule" : " " + list.getValue() + " items");
            }
            return (rules + shadows) + " rules (" + shadows + " shadow), " + lists.size() + " lists"
                + (lists.isEmpty() ? "" : " (" + lines + ")");
        }
    }

    private RulesCheck() {
    }

    /** @throws RulesRefusedException when the file does not compile */
    public static Summary check(final Path file) throws RulesRefusedException {
        final RuleSet rules = compile(file);
        int shadows = 0;
        for (final Rule rule : rules.rules()) {
            shadows += rule.shadow() ? 1 : 0;
        }
        final Map<String, Integer> lists = new LinkedHashMap<>();
        for (final RuleList list : rules.lists().values()) {
            lists.put(list.name(), list.kind() == null ? -1 : list.size());
        }
        return new Summary(rules.rules().size() - shadows, shadows, lists);
    }

    static RuleSet compile(final Path file) throws RulesRefusedException {
        try {
            return new RulesCompiler(new CardFingerprinter(CardFingerprinter.developmentKey()).identifierHash())
                .compile(file);
        } catch (final RulesException e) {
            throw new RulesRefusedException(e.getMessage(), e);
        }
    }
}
