package dev.concord.chaos;

import dev.concord.chaos.nemesis.NemesisAction;
import java.util.List;

/**
 * One nemesis step as it happened.
 *
 * @param action      what was done
 * @param startNanos  when the step began
 * @param endNanos    when it was complete (for starts: when the nodes answered)
 * @param healthy     nodes neither killed, paused nor isolated afterwards
 * @param available   whether a majority was healthy afterwards
 * @param error       what went wrong carrying it out, or null
 */
public record FaultEvent(NemesisAction action, long startNanos, long endNanos, List<Integer> healthy,
                         boolean available, String error) {
    public FaultEvent {
        healthy = List.copyOf(healthy);
    }
}
