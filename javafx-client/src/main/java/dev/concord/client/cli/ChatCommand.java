package dev.concord.client.cli;

import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Write;
import dev.concord.protocol.chat.ChatOp;
import dev.concord.protocol.chat.ChatQuery;
import dev.concord.protocol.chat.ChatReply;
import dev.concord.protocol.chat.ChatResult;
import dev.concord.protocol.chat.ChatRules;
import dev.concord.protocol.chat.Message;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code concord chat send|log|inbox|rooms|join|leave}: chat as the saved session (see {@code --as}). */
@Command(name = "chat", mixinStandardHelpOptions = true, description = {"Direct messages and rooms.",
    "A conversation is a user name or #ROOM (quote it in the shell: '#general').",
    "Each document has a room named after its path: '#doc:/notes/plan.md'."})
final class ChatCommand {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @ParentCommand
    Main main;

    @Command(name = "send", description = "Send TEXT to USER (a direct message) or to #ROOM (which you joined).")
    int send(@Parameters(paramLabel = "USER|#ROOM") String to, @Parameters(paramLabel = "TEXT") String text,
             @Option(names = "--json", description = "print one JSON object") boolean json) {
        ChatResult.Posted p = write(new ChatOp.Send(to, text), ChatResult.Posted.class);
        if (json) {
            main.ctx.printJson(ordered("to", to, "id", p.id(), "conv", p.conv()));
        } else {
            main.ctx.out.println("sent to " + to + " as message " + p.id());
        }
        return 0;
    }

    @Command(name = "log", description = {"Print the conversation with USER or #ROOM, oldest first.",
        "Page back with --before ID (the first id shown), forward with --after ID."})
    int log(@Parameters(paramLabel = "USER|#ROOM") String with,
            @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "most messages (default 50)") int limit,
            @Option(names = "--before", defaultValue = "0", paramLabel = "ID", description = "messages before this id") long before,
            @Option(names = "--after", defaultValue = "0", paramLabel = "ID", description = "messages after this id") long after,
            @Option(names = "--json", description = "print one JSON object") boolean json) {
        if (limit < 1 || limit > ChatRules.MAX_HISTORY) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "--limit must be 1.." + ChatRules.MAX_HISTORY);
        }
        ChatReply.History h = (ChatReply.History) query(new ChatQuery.History(with, before, after, limit));
        if (json) {
            main.ctx.printJson(ordered("with", with, "messages", h.messages(), "more", h.more()));
            return 0;
        }
        if (h.more() && after == 0 && !h.messages().isEmpty()) {
            main.ctx.out.println("(older: bin/concord chat log '" + with + "' --before " + h.messages().get(0).id() + ")");
        }
        h.messages().forEach(m -> main.ctx.out.println(line(m)));
        return 0;
    }

    @Command(name = "inbox", description = {"Deliver the direct messages queued while you were away (each once),",
        "then show unread counts per room and conversation."})
    int inbox(@Option(names = "--json", description = "print one JSON object") boolean json) {
        List<Message> delivered = new ArrayList<>();
        ChatResult.Inbox page;
        do {
            page = write(new ChatOp.TakeInbox(ChatRules.MAX_INBOX), ChatResult.Inbox.class);
            delivered.addAll(page.messages());
        } while (page.remaining() > 0);
        ChatReply.Conversations convs = (ChatReply.Conversations) query(new ChatQuery.Conversations());
        List<Map<String, Object>> unread = new ArrayList<>();
        for (ChatReply.Conversation c : convs.conversations()) {
            if (c.unread() > 0) {
                unread.add(ordered("with", c.with() == null ? c.conv() : c.with(), "unread", c.unread()));
            }
        }
        if (json) {
            main.ctx.printJson(ordered("messages", delivered, "unread", unread));
            return 0;
        }
        if (delivered.isEmpty()) {
            main.ctx.out.println("no new direct messages");
        }
        delivered.forEach(m -> main.ctx.out.println(line(m)));
        unread.forEach(u -> main.ctx.out.println("unread: " + u.get("with") + " " + u.get("unread")));
        return 0;
    }

    @Command(name = "rooms", description = "List every room: members, whether you joined, your unread count.")
    int rooms(@Option(names = "--json", description = "print one JSON object") boolean json) {
        ChatReply.Rooms rooms = (ChatReply.Rooms) query(new ChatQuery.Rooms());
        if (json) {
            main.ctx.printJson(ordered("rooms", rooms.rooms()));
            return 0;
        }
        for (ChatReply.Room r : rooms.rooms()) {
            main.ctx.out.println("#" + r.room() + "\t" + r.members() + " member(s)"
                    + (r.joined() ? "\tjoined\t" + r.unread() + " unread" : ""));
        }
        return 0;
    }

    @Command(name = "join", description = "Join #ROOM, creating it if it does not exist.")
    int join(@Parameters(paramLabel = "#ROOM") String room,
             @Option(names = "--json", description = "print one JSON object") boolean json) {
        ChatResult.RoomJoined j = write(new ChatOp.JoinRoom(roomName(room)), ChatResult.RoomJoined.class);
        if (json) {
            main.ctx.printJson(ordered("room", j.room(), "created", j.created()));
        } else {
            main.ctx.out.println((j.created() ? "created and joined #" : "joined #") + j.room());
        }
        return 0;
    }

    @Command(name = "leave", description = "Leave #ROOM.")
    int leave(@Parameters(paramLabel = "#ROOM") String room,
              @Option(names = "--json", description = "print one JSON object") boolean json) {
        ChatResult.RoomLeft l = write(new ChatOp.LeaveRoom(roomName(room)), ChatResult.RoomLeft.class);
        if (json) {
            main.ctx.printJson(ordered("room", l.room(), "left", true));
        } else {
            main.ctx.out.println("left #" + l.room());
        }
        return 0;
    }

    private static String roomName(String arg) {
        if (!ChatRules.isRoom(arg)) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, "give the room as #NAME (quoted in the shell: '#"
                    + arg + "')");
        }
        return ChatRules.roomOf(arg);
    }

    private <T extends ChatResult> T write(ChatOp op, Class<T> type) {
        op.validate();
        return UserCommand.expect(main.ctx.write(new Write.Chat(op), main.ctx.session().token()), type);
    }

    private ChatReply query(ChatQuery q) {
        return ((Response.Chat) main.ctx.client().read(new Query.Chat(q), main.ctx.session().token())).reply();
    }

    static String line(Message m) {
        String from = m.from() == null ? "(deleted user)" : m.from();
        String where = m.room() != null ? " in #" + m.room() : "";
        String text = m.deleted() ? "(deleted)" : m.text() + (m.edited() > 0 ? " (edited)" : "");
        String status = m.status() == null ? "" : " [" + m.status() + "]";
        return m.id() + "  " + CLOCK.format(Instant.ofEpochMilli(m.time())) + "  " + from + where + ": " + text + status;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }
}
