package dev.concord.chaos.check;

/** The outcome of checking one key, or a whole history. */
public enum Verdict {
    /** A linearization exists. */
    PASS,
    /** No linearization exists; the result carries evidence. */
    FAIL,
    /** The search hit its time or step bound (or was interrupted) before deciding. */
    UNKNOWN;

    /**
     * The verdict of a history made of independent parts: one failing part fails the whole,
     * otherwise one undecided part leaves the whole undecided.
     */
    public Verdict and(Verdict other) {
        if (this == FAIL || other == FAIL) {
            return FAIL;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : PASS;
    }
}
