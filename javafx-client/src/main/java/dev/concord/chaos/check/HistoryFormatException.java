package dev.concord.chaos.check;

import java.io.IOException;

/** A history file line that is not a valid operation; the message names source and line. */
public final class HistoryFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /**
     * @param source the file or stream the line came from
     * @param line   the 1-based line number
     * @param reason what is wrong with the line
     */
    public HistoryFormatException(String source, int line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
    }

    /** The file or stream the line came from. */
    public String source() {
        return source;
    }

    /** The 1-based number of the offending line. */
    public int line() {
        return line;
    }
}
