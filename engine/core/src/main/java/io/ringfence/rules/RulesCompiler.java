package io.ringfence.rules;

import io.ringfence.hashing.StableHash;
import io.ringfence.ingress.KeyedHash;
import io.ringfence.rules.Condition.Comparison;
import io.ringfence.rules.RulesLexer.Token;
import io.ringfence.rules.RulesLexer.Type;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a rules file into a {@link RuleSet}. One rule or list per line; {@code #} starts a comment:
 *
 * <pre>
 * list @watched_emails = ['mallory@example.com', 'eve@example.net']
 * list @test_bins from 'test-bins.txt'
 * [big-foreign-online] Block if :channel: = 'CNP' and :ip_country: != :card_country: and :amount: &gt; 300
 * [shadow-night] shadow Block if :hour: &lt; 5 and :amount: &gt; 500
 * </pre>
 *
 * <p>{@code not} binds tighter than {@code and}, which binds tighter than {@code or}. A list is declared before the
 * rules that test it, and takes the kind of the attributes they test (all the same kind); its items, and every
 * literal, are turned into keys here, once, so evaluation compares keys. A list file ({@code from}) is read relative to
 * the rules file, one item per line, {@code #} comments and blank lines skipped. Every error is one
 * {@link RulesException}, {@code FILE:LINE:COL: message}, in whichever file (rules or list) it is.
 */
public final class RulesCompiler {
    private final KeyedHash identifiers;

    /** @param identifiers the engine's keyed hash, which IP addresses, device ids and e-mails are compared under */
    public RulesCompiler(final KeyedHash identifiers) {
        this.identifiers = identifiers;
    }

    /** The keyed hash identifiers are compared under, for list items added live. */
    public KeyedHash identifiers() {
        return identifiers;
    }

    /** Compiles the file at {@code file}; errors name it as given. */
    public RuleSet compile(final Path file) throws RulesException {
        final byte[] bytes = read(file, file.toString(), 1, 1);
        final String text = utf8(bytes, file.toString());
        final Path base = file.toAbsolutePath().getParent();
        return new Compilation(file.toString(), base).run(text, file.toAbsolutePath().toString(), sha256(bytes));
    }

    /**
     * Compiles a journaled rules switch again, for replay and snapshots.
     *
     * @throws IllegalStateException when the file no longer compiles or is not the file that was loaded
     */
    public RuleSet reload(final Path file, final byte[] sha256) {
        final RuleSet rules;
        try {
            rules = compile(file);
        } catch (final RulesException e) {
            throw new IllegalStateException("rules " + file + " no longer compile: " + e.getMessage(), e);
        }
        if (!Arrays.equals(rules.sha256(), sha256)) {
            throw new IllegalStateException("rules " + file + " changed since they were loaded (SHA-256 differs)");
        }
        return rules;
    }

    /** The SHA-256 of a rules file's bytes, as journaled with a rules switch. */
    public static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] read(final Path file, final String shownAs, final int line, final int column)
        throws RulesException {
        try {
            return Files.readAllBytes(file);
        } catch (final NoSuchFileException e) {
            throw new RulesException(shownAs, line, column, "no such file: " + file);
        } catch (final IOException e) {
            throw new RulesException(shownAs, line, column, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String utf8(final byte[] bytes, final String file) throws RulesException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            throw new RulesException(file, 1, 1, "not UTF-8 text");
        }
    }

    /** A list item not yet turned into a key: its kind is known only once the rules that test it are read. */
    private record Item(String text, String file, int line, int column) {
    }

    /** A list being compiled. */
    private static final class PendingList {
        final Token declared;
        final List<Item> items = new ArrayList<>();
        final LongHashSet keys = new LongHashSet();
        ValueKind kind;
        Token firstUse;

        PendingList(final Token declared) {
            this.declared = declared;
        }
    }

    /** The state of one compilation: the file, its lists and rules so far, and the line being parsed. */
    private final class Compilation {
        private final String file;
        private final Path base;
        private final Map<String, PendingList> lists = new LinkedHashMap<>();
        private final Map<String, Integer> ruleLines = new HashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private List<Token> tokens;
        private int next;

        Compilation(final String file, final Path base) {
            this.file = file;
            this.base = base;
        }

        RuleSet run(final String text, final String absolutePath, final byte[] sha256) throws RulesException {
            final String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                final String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
                tokens = RulesLexer.tokens(file, i + 1, line);
                next = 0;
                if (peek().type() == Type.END) {
                    continue;
                }
                if (peek().isWord("list")) {
                    list();
                } else {
                    rule();
                }
            }
            final Map<String, RuleList> compiled = new LinkedHashMap<>();
            for (final Map.Entry<String, PendingList> entry : lists.entrySet()) {
                final PendingList list = entry.getValue();
                if (list.kind != null) {
                    for (final Item item : list.items) {
                        list.keys.add(encode(list.kind, item.text(), item.file(), item.line(), item.column()));
                    }
                }
                compiled.put(entry.getKey(), new RuleList(entry.getKey(), list.kind, list.keys));
            }
            return new RuleSet(absolutePath, sha256, rules, compiled);
        }

        private void list() throws RulesException {
            take();
            final Token name = expect(Type.LIST, "expected a list name like @blocked_emails after 'list'");
            if (lists.containsKey(name.text())) {
                throw error(name, "list @" + name.text() + " is declared twice (first on line "
                    + lists.get(name.text()).declared.line() + ")");
            }
            final PendingList list = new PendingList(name);
            if (peek().isWord("from")) {
                take();
                final Token source = expect(Type.STRING, "expected a file name in quotes after 'from'");
                readListFile(source, list);
            } else {
                expect(Type.OPERATOR, "=", "expected '=' or 'from' after the list name");
                expect(Type.LBRACKET, "expected '[' to start the list's items");
                if (peek().type() != Type.RBRACKET) {
                    do {
                        final Token item = take();
                        if (item.type() != Type.STRING && item.type() != Type.NUMBER) {
                            throw error(item, "expected a list item, a 'string' or a number");
                        }
                        list.items.add(new Item(item.text(), file, item.line(), item.column()));
                    } while (accept(Type.COMMA));
                }
                expect(Type.RBRACKET, "expected ',' or ']' after a list item");
            }
            endOfLine();
            lists.put(name.text(), list);
        }

        private void readListFile(final Token source, final PendingList list) throws RulesException {
            final Path path = base.resolve(source.text());
            final String shownAs = Path.of(file).resolveSibling(source.text()).toString();
            final byte[] bytes = read(path, file, source.line(), source.column());
            final String[] lines = utf8(bytes, shownAs).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                final String line = lines[i].strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    list.items.add(new Item(line, shownAs, i + 1, lines[i].indexOf(line.charAt(0)) + 1));
                }
            }
        }

        private void rule() throws RulesException {
            final Token first = peek();
            String name = null;
            if (first.type() == Type.RULE_NAME) {
                name = take().text();
                final Integer earlier = ruleLines.get(name);
                if (earlier != null) {
                    throw error(first, "rule name [" + name + "] is already used on line " + earlier);
                }
            }
            final boolean shadow = peek().isWord("shadow");
            if (shadow) {
                take();
            }
            final RuleAction action = action();
            if (!peek().isWord("if")) {
                throw error(peek(), "expected 'if' after " + action.keyword());
            }
            take();
            final Condition condition = or();
            endOfLine();
            if (name == null) {
                name = idOf(first.line());
            }
            ruleLines.put(name, first.line());
            rules.add(new Rule(name, action, shadow, first.line(), condition));
        }

        /** An unnamed rule's id: a hash of its tokens, so spacing and comments do not change it. */
        private String idOf(final int line) {
            final StringBuilder text = new StringBuilder();
            for (final Token token : tokens) {
                text.append(token.type()).append(' ').append(token.text()).append('\n');
            }
            final String id = String.format("rule-%08x", StableHash.of(text) >>> 32);
            return ruleLines.containsKey(id) ? id + "-line" + line : id;
        }

        private RuleAction action() throws RulesException {
            final Token word = take();
            for (final RuleAction action : new RuleAction[] {RuleAction.BLOCK, RuleAction.REVIEW, RuleAction.ALLOW}) {
                if (word.isWord(action.keyword())) {
                    return action;
                }
            }
            if (word.isWord("request")) {
                if (peek().isWord("3ds")) {
                    take();
                    return RuleAction.REQUEST_3DS;
                }
                throw error(peek(), "expected '3DS' after 'Request'");
            }
            throw error(word, "expected an action: Block, Review, Request 3DS or Allow");
        }

        private Condition or() throws RulesException {
            Condition condition = and();
            while (peek().isWord("or")) {
                take();
                condition = new Condition.Or(condition, and());
            }
            return condition;
        }

        private Condition and() throws RulesException {
            Condition condition = not();
            while (peek().isWord("and")) {
                take();
                condition = new Condition.And(condition, not());
            }
            return condition;
        }

        private Condition not() throws RulesException {
            if (peek().isWord("not")) {
                take();
                return new Condition.Not(not());
            }
            return primary();
        }

        private Condition primary() throws RulesException {
            if (accept(Type.LPAREN)) {
                final Condition inner = or();
                expect(Type.RPAREN, "expected ')'");
                return inner;
            }
            final Token left = operand();
            final Token after = peek();
            if (after.type() == Type.OPERATOR) {
                take();
                return comparison(left, after, operand());
            }
            if (after.isWord("in") || after.isWord("not") && lookahead(1).isWord("in")) {
                final boolean negated = after.isWord("not");
                take();
                if (negated) {
                    take();
                }
                final Condition membership = membership(attribute(left, after));
                return negated ? new Condition.Not(membership) : membership;
            }
            if (left.type() != Type.ATTRIBUTE) {
                throw error(after, "expected a comparison after " + shown(left));
            }
            final Attribute attribute = attribute(left, after);
            if (attribute.kind() != ValueKind.NUMBER) {
                throw error(left, ":" + attribute.name() + ": is not true or false on its own: compare it with"
                    + " = != or in");
            }
            return new Condition.NonZero(attribute.slot());
        }

        private Token operand() throws RulesException {
            final Token token = take();
            if (token.type() == Type.ATTRIBUTE || token.type() == Type.STRING || token.type() == Type.NUMBER
                || token.isWord("true") || token.isWord("false")) {
                if (token.type() == Type.ATTRIBUTE) {
                    attribute(token, token);
                }
                return token;
            }
            throw error(token, token.type() == Type.END ? "the condition ends too soon"
                : "expected an attribute like :amount:, a 'string', a number or true/false, not " + shown(token));
        }

        private Condition comparison(final Token left, final Token operator, final Token right)
            throws RulesException {
            final Comparison comparison = comparisonOf(operator);
            if (left.type() != Type.ATTRIBUTE && right.type() != Type.ATTRIBUTE) {
                throw error(left, "a comparison needs an attribute like :amount: on one side");
            }
            if (left.type() != Type.ATTRIBUTE) {
                return comparison(right, operator, comparison.swapped(), left);
            }
            return comparison(left, operator, comparison, right);
        }

        private Condition comparison(final Token attributeToken, final Token operator, final Comparison comparison,
            final Token other) throws RulesException {
            final Attribute attribute = attribute(attributeToken, attributeToken);
            if (other.type() == Type.ATTRIBUTE) {
                final Attribute second = attribute(other, other);
                if (attribute.kind() != second.kind()) {
                    throw error(operator, ":" + attribute.name() + ": (" + attribute.kind().description() + ") and :"
                        + second.name() + ": (" + second.kind().description() + ") cannot be compared");
                }
                if (attribute.kind() == ValueKind.NUMBER) {
                    return new Condition.NumberWithNumber(attribute.slot(), comparison, second.slot());
                }
                return new Condition.KeyWithKey(attribute.slot(), equality(operator, comparison, attribute),
                    second.slot());
            }
            if (attribute.kind() == ValueKind.NUMBER) {
                return new Condition.NumberWithConstant(attribute.slot(), comparison, number(attribute, other));
            }
            final boolean equal = equality(operator, comparison, attribute);
            return new Condition.KeyWithConstant(attribute.slot(), equal, key(attribute, other));
        }

        private Condition membership(final Attribute attribute) throws RulesException {
            final Token start = take();
            if (attribute.kind() == ValueKind.NUMBER) {
                throw error(start, "'in' tests text values and codes; :" + attribute.name() + ": is a number");
            }
            if (start.type() == Type.LIST) {
                final PendingList list = lists.get(start.text());
                if (list == null) {
                    throw error(start, "unknown list @" + start.text() + " (declare it on a line before the rules"
                        + " that use it)");
                }
                if (list.kind == null) {
                    list.kind = attribute.kind();
                    list.firstUse = start;
                } else if (list.kind != attribute.kind()) {
                    throw error(start, "list @" + start.text() + " holds " + list.kind.description() + " (line "
                        + list.firstUse.line() + ") but :" + attribute.name() + ": is " + attribute.kind().description());
                }
                return new Condition.KeyInList(attribute.slot(), list.keys);
            }
            if (start.type() != Type.LPAREN) {
                throw error(start, "expected @list or ('value', ...) after 'in'");
            }
            final List<Long> keys = new ArrayList<>();
            do {
                final Token value = take();
                if (value.type() != Type.STRING && value.type() != Type.NUMBER) {
                    throw error(value, "expected a 'string' or a number in the list of values");
                }
                keys.add(key(attribute, value));
            } while (accept(Type.COMMA));
            expect(Type.RPAREN, "expected ',' or ')' after a value");
            return new Condition.KeyInValues(attribute.slot(), keys.stream().mapToLong(Long::longValue).toArray());
        }

        private boolean equality(final Token operator, final Comparison comparison, final Attribute attribute)
            throws RulesException {
            if (comparison != Comparison.EQ && comparison != Comparison.NE) {
                throw error(operator, "'" + comparison.symbol + "' compares numbers; :" + attribute.name()
                    + ": takes = != or in");
            }
            return comparison == Comparison.EQ;
        }

        private double number(final Attribute attribute, final Token value) throws RulesException {
            if (value.type() == Type.NUMBER) {
                return Double.parseDouble(value.text());
            }
            if (value.type() == Type.WORD) {
                return value.isWord("true") ? 1.0 : 0.0;
            }
            throw error(value, ":" + attribute.name() + ": is a number: compare it with a number, not " + shown(value));
        }

        private long key(final Attribute attribute, final Token value) throws RulesException {
            final boolean digits = attribute.kind() == ValueKind.MCC || attribute.kind() == ValueKind.BIN;
            if (value.type() == Type.STRING || digits && value.type() == Type.NUMBER) {
                return encode(attribute.kind(), value.text(), file, value.line(), value.column());
            }
            throw error(value, ":" + attribute.name() + ": takes " + attribute.kind().description() + ", not "
                + shown(value));
        }

        private long encode(final ValueKind kind, final String text, final String where, final int line,
            final int column) throws RulesException {
            try {
                return kind.encode(text, identifiers);
            } catch (final IllegalArgumentException e) {
                throw new RulesException(where, line, column, e.getMessage());
            }
        }

        private Attribute attribute(final Token token, final Token where) throws RulesException {
            if (token.type() != Type.ATTRIBUTE) {
                throw error(where, "expected an attribute like :email: before " + shown(where));
            }
            final Attribute attribute = Attribute.named(token.text());
            if (attribute == null) {
                throw error(token, "unknown attribute :" + token.text() + ":");
            }
            return attribute;
        }

        private Comparison comparisonOf(final Token operator) {
            for (final Comparison comparison : Comparison.values()) {
                if (comparison.symbol.equals(operator.text())) {
                    return comparison;
                }
            }
            throw new IllegalStateException("the lexer made an operator of " + operator.text());
        }

        private void endOfLine() throws RulesException {
            final Token token = peek();
            if (token.type() != Type.END) {
                throw error(token, "unexpected " + shown(token) + " (one rule per line; join conditions with and/or)");
            }
        }

        private Token expect(final Type type, final String message) throws RulesException {
            if (peek().type() != type) {
                throw error(peek(), message);
            }
            return take();
        }

        private void expect(final Type type, final String text, final String message) throws RulesException {
            if (peek().type() != type || !peek().text().equals(text)) {
                throw error(peek(), message);
            }
            take();
        }

        private boolean accept(final Type type) {
            if (peek().type() == type) {
                next++;
                return true;
            }
            return false;
        }

        private Token peek() {
            return tokens.get(next);
        }

        private Token lookahead(final int ahead) {
            return tokens.get(Math.min(next + ahead, tokens.size() - 1));
        }

        private Token take() {
            final Token token = tokens.get(next);
            if (token.type() != Type.END) {
                next++;
            }
            return token;
        }

        private RulesException error(final Token token, final String message) {
            return new RulesException(file, token.line(), token.column(), message);
        }
    }

    private static String shown(final Token token) {
        return switch (token.type()) {
            case END -> "the end of the line";
            case STRING -> "'" + token.text() + "'";
            case ATTRIBUTE -> ":" + token.text() + ":";
            case LIST -> "@" + token.text();
            case RULE_NAME -> "[" + token.text() + "]";
            default -> "'" + token.text() + "'";
        };
    }
}
