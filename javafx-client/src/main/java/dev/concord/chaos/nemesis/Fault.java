package dev.concord.chaos.nemesis;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of fault a chaos run may inject, as named on the command line ({@code --nemesis kill,pause}). */
public enum Fault {
    /** SIGKILL a minority of nodes (the leader more often than not); later steps start them again. */
    KILL,
    /** SIGSTOP one node (a long GC pause or a hung VM); a later step sends SIGCONT. */
    PAUSE,
    /** SIGTERM one node and start it again at once: a rolling restart or a deploy. */
    RESTART,
    /** Cut one node off from its peers, one way or both ways; the client still reaches every node. */
    PARTITION,
    /** Kill, pause or isolate a majority for a few seconds: writes must fail fast, then recover. */
    MAJORITY;

    /** The lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code kill,pause,...}; unknown names are an error that lists the known ones. */
    public static Set<Fault> parse(String csv) {
        EnumSet<Fault> out = EnumSet.noneOf(Fault.class);
        for (String part : csv.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                out.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown nemesis '" + name
                        + "'; use a comma-separated list of kill, pause, restart, partition, majority");
            }
        }
        return out;
    }
}
