package io.ringfence.rules;

import io.ringfence.api.CardNumbers;

/**
 * A rules or list file that does not compile. The message is one line, {@code FILE:LINE:COL: message}, with lines
 * and columns counted from 1, so an editor or a terminal can jump to it. A message quotes the file; any run of digits
 * long enough to be a card number is masked, since the message travels to logs and answers.
 */
public final class RulesException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public RulesException(final String file, final int line, final int column, final String problem) {
        super(file + ':' + line + ':' + column + ": " + CardNumbers.maskDigitRuns(problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = CardNumbers.maskDigitRuns(problem);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position. */
    public String problem() {
        return problem;
    }
}
