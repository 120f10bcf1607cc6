package dev.concord.chaos.fuzz;

/**
 * One request the fuzzer sends: the object handed to the RPC client (normally a write or read
 * frame; sometimes a class the node does not know) and the category it was made by.
 *
 * @param longPoll whether a correct node may hold the answer back (an events query that waits)
 */
public record FuzzInput(int index, String category, Object request, boolean longPoll) {

    /** A short description for evidence: category, request class and body size. */
    public String describe() {
        String body = "";
        if (request instanceof dev.concord.protocol.Frames.WriteFrame w) {
            body = w.body == null ? " body=null" : " body=" + w.body.length + "B";
        } else if (request instanceof dev.concord.protocol.Frames.ReadFrame r) {
            body = r.body == null ? " body=null" : " body=" + r.body.length + "B";
        }
        return "#" + index + " " + category + " " + request.getClass().getSimpleName() + body;
    }
}
