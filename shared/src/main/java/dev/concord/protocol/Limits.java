package dev.concord.protocol;

/** Size limits enforced before anything reaches the log; both sides check them, the server decides. */
public final class Limits {
    private Limits() {
    }

    /** Wire version; a client and node that disagree refuse each other with BAD_REQUEST. */
    public static final int PROTOCOL = 1;
    /** Largest request frame a node decodes (bytes of JSON). */
    public static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;
    /** Largest single stream record or register value (UTF-16 chars). */
    public static final int MAX_VALUE_CHARS = 64 * 1024;
    /** Longest stream or register name (UTF-16 chars). */
    public static final int MAX_NAME_CHARS = 256;
    /** Most writes in one request frame. */
    public static final int MAX_BATCH_WRITES = 4096;
    /** Target size of one log entry; the proposer packs concurrent writes up to this. */
    public static final int MAX_ENTRY_BYTES = 1024 * 1024;
    /** Most records or events in one read page. */
    public static final int MAX_PAGE = 10_000;
    /** How many recent results per client the exactly-once table keeps (its pipelining window). */
    public static final int DEDUP_WINDOW = 256;
    /** Longest document (UTF-16 chars); an edit that would grow one past it is refused. */
    public static final int MAX_DOC_CHARS = 8 * 1024 * 1024;
    /**
     * Bytes of file data per upload chunk, and so per log entry: every chunk but a file's last is
     * exactly this long. The chunk travels raw beside the entry's JSON ({@link Payloads}), so a chunk
     * entry is this plus a header of well under {@link #MAX_ENTRY_BYTES}.
     */
    public static final int FILE_CHUNK_BYTES = 1024 * 1024;
    /** Largest file. */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Most namespace entries one move, delete or trash restore may touch (one log entry applies them all). */
    public static final int MAX_TREE_ENTRIES = 10_000;
}
