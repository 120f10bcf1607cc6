package dev.concord.protocol.files;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.DocPath;
import dev.concord.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Path arithmetic for the one shared tree of folders, documents and files. The rules for a valid
 * path are {@link DocPath}'s (a '/' and segments of 1..255 UTF-8 bytes, no '/', '.', '..' or control
 * characters); the root folder {@code /} is valid only where a folder is asked for.
 */
public final class FilePaths {
    public static final String ROOT = "/";

    private FilePaths() {
    }

    /** A path naming a folder, document or file (never the root). */
    public static void validate(String field, String path) {
        DocPath.validate(field, path);
    }

    /** A folder path: the root or a valid path. */
    public static void validateDir(String field, String dir) {
        if (!ROOT.equals(dir)) {
            DocPath.validate(field, dir);
        }
    }

    /** The folder holding {@code path} ({@code /} for top-level entries). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? ROOT : path.substring(0, slash);
    }

    /** The last segment of {@code path}. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The proper ancestors of {@code path} below the root, outermost first: /a/b/c gives /a, /a/b. */
    public static List<String> ancestors(String path) {
        List<String> out = new ArrayList<>();
        for (int i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
            out.add(path.substring(0, i));
        }
        return out;
    }

    /** Whether {@code path} lies strictly inside folder {@code dir}. */
    public static boolean inside(String path, String dir) {
        return ROOT.equals(dir) ? !ROOT.equals(path) : path.startsWith(dir + "/");
    }

    /** {@code path}, which is {@code from} or inside it, moved to lie at or under {@code to}. */
    public static String rebase(String path, String from, String to) {
        return to + path.substring(from.length());
    }

    /** The prefix every path inside {@code dir} starts with. */
    public static String childPrefix(String dir) {
        return ROOT.equals(dir) ? ROOT : dir + "/";
    }

    /** A SHA-256 as 64 lowercase hex digits. */
    public static void sha256(String field, String hex) {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, field + " must be a SHA-256 as 64 lowercase hex digits"
                    + " (sha256sum prints one), got " + (hex == null ? "nothing" : "'" + abbreviate(hex) + "'"));
        }
    }

    /** A name written into stored state on the author's behalf: null or 1..64 chars, no control characters. */
    public static void author(String author) {
        if (author == null) {
            return;
        }
        if (author.isEmpty() || author.length() > 64 || author.chars().anyMatch(Character::isISOControl)) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "author must be 1-64 characters without control"
                    + " characters, or absent (then the client id is the author)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
