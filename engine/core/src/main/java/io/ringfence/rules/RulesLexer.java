package io.ringfence.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of a rules file into tokens; a {@code #} outside a string ends the line. */
final class RulesLexer {
    enum Type { WORD, ATTRIBUTE, LIST, STRING, NUMBER, OPERATOR, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, RULE_NAME, END }

    /** A token and where it starts; {@code text} is the content without its delimiters. */
    record Token(Type type, String text, int line, int column) {
        boolean isWord(final String word) {
            return type == Type.WORD && text.equalsIgnoreCase(word);
        }
    }

    private final String file;
    private final int line;
    private final String text;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();

    private RulesLexer(final String file, final int line, final String text) {
        this.file = file;
        this.line = line;
        this.text = text;
    }

    /** The tokens of one line, ending with an END token at the line's end or its comment. */
    static List<Token> tokens(final String file, final int line, final String text) throws RulesException {
        final RulesLexer lexer = new RulesLexer(file, line, text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws RulesException {
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length() || text.charAt(pos) == '#') {
                tokens.add(new Token(Type.END, "", line, pos + 1));
                return;
            }
            final int start = pos;
            final char c = text.charAt(pos);
            if (c == '[' && tokens.isEmpty()) {
                ruleName(start);
            } else if (c == ':') {
                delimited(start, ':', Type.ATTRIBUTE, "attribute");
            } else if (c == '\'') {
                final int close = text.indexOf('\'', start + 1);
                if (close < 0) {
                    throw error(start, "string not closed with '");
                }
                tokens.add(new Token(Type.STRING, text.substring(start + 1, close), line, start + 1));
                pos = close + 1;
            } else if (c == '@') {
                pos++;
                final String name = word();
                if (name.isEmpty()) {
                    throw error(start, "'@' must be followed by a list name");
                }
                tokens.add(new Token(Type.LIST, name, line, start + 1));
            } else if (Character.isLetterOrDigit(c) || c == '-' && pos + 1 < text.length()
                && Character.isDigit(text.charAt(pos + 1))) {
                numberOrWord(start);
            } else {
                punctuation(start, c);
            }
        }
    }

    private void ruleName(final int start) throws RulesException {
        final int close = text.indexOf(']', start);
        if (close < 0) {
            throw error(start, "rule name not closed with ']'");
        }
        final String name = text.substring(start + 1, close);
        if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '-' || ch == '_'
            || ch == '.')) {
            throw error(start + 1, "a rule name holds letters, digits, '-', '_' and '.' only: [" + name + "]");
        }
        tokens.add(new Token(Type.RULE_NAME, name, line, start + 1));
        pos = close + 1;
    }

    private void delimited(final int start, final char delimiter, final Type type, final String what)
        throws RulesException {
        pos++;
        final String name = word();
        if (name.isEmpty() || pos >= text.length() || text.charAt(pos) != delimiter) {
            throw error(start, what + " not closed with '" + delimiter + "': write it as " + delimiter + "name"
                + delimiter);
        }
        pos++;
        tokens.add(new Token(type, name, line, start + 1));
    }

    private void numberOrWord(final int start) throws RulesException {
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
            || text.charAt(pos) == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            pos++;
        }
        final String word = text.substring(start, pos);
        if (Character.isLetter(word.charAt(0))) {
            tokens.add(new Token(Type.WORD, word, line, start + 1));
        } else if (word.matches("-?[0-9]+(\\.[0-9]+)?")) {
            tokens.add(new Token(Type.NUMBER, word, line, start + 1));
        } else if (word.matches("[0-9][A-Za-z0-9_]*")) {
            tokens.add(new Token(Type.WORD, word, line, start + 1));
        } else {
            throw error(start, "'" + word + "' is not a number");
        }
    }

    private void punctuation(final int start, final char c) throws RulesException {
        final char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
        final Type type = switch (c) {
            case '(' -> Type.LPAREN;
            case ')' -> Type.RPAREN;
            case '[' -> Type.LBRACKET;
            case ']' -> Type.RBRACKET;
            case ',' -> Type.COMMA;
            case '=', '<', '>' -> Type.OPERATOR;
            case '!' -> {
                if (next != '=') {
                    throw error(start, "unexpected '!': 'not equal' is written '!='");
                }
                yield Type.OPERATOR;
            }
            default -> throw error(start, "unexpected character '" + c + "'");
        };
        final int length = type == Type.OPERATOR && next == '=' && c != '=' ? 2 : 1;
        tokens.add(new Token(type, text.substring(start, start + length), line, start + 1));
        pos += length;
    }

    private String word() {
        final int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private RulesException error(final int index, final String message) {
        return new RulesException(file, line, index + 1, message);
    }
}
