package dev.concord.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Document paths: names in the one shared namespace that files and folders will join, written
 * like {@code /notes/plan.txt}. A path is a '/' followed by segments separated by single '/';
 * each segment is 1..{@link #MAX_SEGMENT_BYTES} bytes of UTF-8, is neither {@code .} nor
 * {@code ..}, and holds no control character. Paths are compared byte for byte: no case folding
 * and no Unicode normalisation, so a client should send NFC if its platform does not.
 */
public final class DocPath {
    /** Longest segment, in UTF-8 bytes (the common file-system limit). */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** Longest whole path, in UTF-8 bytes. */
    public static final int MAX_BYTES = 4096;

    private DocPath() {
    }

    /** Throws BAD_REQUEST (or TOO_LARGE) naming {@code field} and the rule the path breaks. */
    public static void validate(String field, String path) {
        if (path == null || path.isEmpty()) {
            throw bad(field + " is missing; write a path such as /notes/plan.txt");
        }
        if (path.charAt(0) != '/') {
            throw bad(field + " '" + path + "' must start with '/', e.g. /" + path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                throw bad(field + " contains a control character at index " + i + "; remove it");
            }
            if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad(field + " contains a lone UTF-16 surrogate at index " + i + "; it is not valid UTF-8");
            }
        }
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new ConcordException(ErrorCode.TOO_LARGE, field + " is " + bytes + " bytes of UTF-8; the limit is "
                    + MAX_BYTES);
        }
        String[] segments = path.substring(1).split("/", -1);
        for (String s : segments) {
            if (s.isEmpty()) {
                throw bad(field + " '" + path + "' has an empty segment (a doubled or trailing '/'); remove it");
            }
            if (s.equals(".") || s.equals("..")) {
                throw bad(field + " '" + path + "' has a '" + s + "' segment; write the path without it");
            }
            int n = s.getBytes(StandardCharsets.UTF_8).length;
            if (n > MAX_SEGMENT_BYTES) {
                throw new ConcordException(ErrorCode.TOO_LARGE, field + " has a segment of " + n
                        + " bytes; the limit is " + MAX_SEGMENT_BYTES + " bytes of UTF-8 per segment");
            }
        }
    }

    private static ConcordException bad(String message) {
        return new ConcordException(ErrorCode.BAD_REQUEST, message);
    }
}
