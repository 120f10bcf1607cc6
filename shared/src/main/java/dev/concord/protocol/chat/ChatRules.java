package dev.concord.protocol.chat;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Input rules for accounts and chat. Client and leader both check them; apply checks them again,
 * so a malformed op is an ordinary rejection on every node. Every failure says how to fix it.
 *
 * <p>A conversation target ("with" or "to") is either {@code #ROOM} or a user name; user names
 * cannot start with '#', so the two never collide.
 */
public final class ChatRules {
    /** Longest user name. */
    public static final int MAX_USER_CHARS = 32;
    /** Shortest password. */
    public static final int MIN_PASSWORD_CHARS = 8;
    /** Longest password (PBKDF2 hashes it whole; a bound keeps leader work per request bounded). */
    public static final int MAX_PASSWORD_CHARS = 1024;
    /** Longest message, in Unicode code points (an emoji counts as one). */
    public static final int MAX_TEXT_CODE_POINTS = 4000;
    /** Longest room name without its '#'. */
    public static final int MAX_ROOM_CHARS = 128;
    /** Most messages one {@link ChatOp.TakeInbox} hands out; the client takes again for the rest. */
    public static final int MAX_INBOX = 200;
    /** Most messages in one history page. */
    public static final int MAX_HISTORY = 1000;
    /** Rooms named after a document: {@code doc:<path>}, created on first join. */
    public static final String DOC_ROOM_PREFIX = "doc:";

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_USER_CHARS + "}");
    private static final Pattern DIRECT = Pattern.compile("d:[0-9]{1,19}:[0-9]{1,19}");

    private ChatRules() {
    }

    /** The case-insensitive form of a user name under which uniqueness is decided. */
    public static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public static void userName(String field, String name) {
        if (name == null || !USER.matcher(name).matches()) {
            throw bad(field + " must be 1-" + MAX_USER_CHARS + " letters, digits, '_', '.' or '-'"
                    + (name == null ? "" : ", got '" + printable(name) + "'"));
        }
    }

    public static void password(String password) {
        if (password == null || password.length() < MIN_PASSWORD_CHARS) {
            throw bad("password must be at least " + MIN_PASSWORD_CHARS + " characters; choose a longer one");
        }
        if (password.length() > MAX_PASSWORD_CHARS) {
            throw new ConcordException(ErrorCode.TOO_LARGE, "password is longer than " + MAX_PASSWORD_CHARS
                    + " characters; choose a shorter one");
        }
    }

    /** A room name without '#': no control characters, no surrounding spaces. */
    public static void room(String room) {
        if (room == null || room.isEmpty()) {
            throw bad("room name must not be empty; name it like '#general'");
        }
        if (room.length() > MAX_ROOM_CHARS) {
            throw new ConcordException(ErrorCode.TOO_LARGE, "room name is " + room.length()
                    + " chars; the limit is " + MAX_ROOM_CHARS);
        }
        if (!room.strip().equals(room)) {
            throw bad("room name '" + printable(room) + "' starts or ends with a space; remove it");
        }
        for (int i = 0; i < room.length(); i++) {
            if (Character.isISOControl(room.charAt(i))) {
                throw bad("room name contains a control character at " + i);
            }
        }
    }

    /** {@code #ROOM} or a user name. */
    public static void target(String field, String target) {
        if (target == null || target.isEmpty()) {
            throw bad(field + " is missing; give a user name or #ROOM");
        }
        if (isRoom(target)) {
            room(roomOf(target));
        } else {
            userName(field, target);
        }
    }

    /**
     * A conversation to read: a {@link #target} or, for direct messages with a deleted account,
     * the conversation id {@code d:<account>:<account>} that history and inbox show.
     */
    public static void conversation(String field, String with) {
        if (with != null && DIRECT.matcher(with).matches()) {
            return;
        }
        target(field, with);
    }

    /** Whether {@code with} is a direct conversation id rather than a room or a name. */
    public static boolean isConversationId(String with) {
        return DIRECT.matcher(with).matches();
    }

    public static boolean isRoom(String target) {
        return target.startsWith("#");
    }

    public static String roomOf(String target) {
        return target.substring(1);
    }

    /** Message text: 1..{@link #MAX_TEXT_CODE_POINTS} code points, not blank, no control characters but tab and newlines. */
    public static void text(String text) {
        if (text == null || text.isBlank()) {
            throw bad("message is empty; type some text");
        }
        int points = text.codePointCount(0, text.length());
        if (points > MAX_TEXT_CODE_POINTS) {
            throw new ConcordException(ErrorCode.TOO_LARGE, "message is " + points + " characters; the limit is "
                    + MAX_TEXT_CODE_POINTS + ": split it into several messages");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw bad("message contains control character U+" + String.format("%04X", (int) c) + " at " + i
                        + "; remove it");
            }
        }
    }

    public static void positive(String field, long value) {
        if (value <= 0) {
            throw bad(field + " must be a positive message id, got " + value);
        }
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> out.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return out.toString();
    }

    private static ConcordException bad(String message) {
        return new ConcordException(ErrorCode.BAD_REQUEST, message);
    }
}
