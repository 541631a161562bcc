package io.ringfence.models.data;

import io.ringfence.api.CardNumbers;

import java.io.IOException;

/**
 * A replay CSV file the reader cannot accept: the message is one line, {@code file:line: problem}. A value quoted in
 * the problem that could be a card number (a run of twelve or more digits) is masked: a PAN in the wrong column must
 * not reach a terminal or a log.
 */
public final class ReplayFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String problem;

    public ReplayFormatException(final String source, final long line, final String problem) {
        super(source + ':' + line + ": " + CardNumbers.maskDigitRuns(problem.replaceAll("\\s*\\R\\s*", " ")));
        this.source = source;
        this.line = line;
        this.problem = CardNumbers.maskDigitRuns(problem);
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** 1-based line number; the header is line 1. */
    public long line() {
        return line;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
