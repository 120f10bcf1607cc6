package dev.concord.protocol.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.protocol.ClientWrite;
import dev.concord.protocol.Codec;
import dev.concord.protocol.Command;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Frames;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Payloads;
import dev.concord.protocol.Query;
import dev.concord.protocol.ReadRequest;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FileProtocolTest {
    private static final String SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void everyFileTypeRoundTripsThroughJson() {
        byte[] data = random(new Random(1), 300);
        List<Object> values = List.of(
                new WriteBatch(Limits.PROTOCOL, List.of(
                        new ClientWrite("c", 1, new Write.File(new FileOp.MakeFolder("/a/b", "ann"))),
                        new ClientWrite("c", 2, new Write.File(new FileOp.Move("/a", "/z"))),
                        new ClientWrite("c", 3, new Write.File(new FileOp.Delete("/z", null))),
                        new ClientWrite("c", 4, new Write.File(new FileOp.RestoreTrash(3, "/y"))),
                        new ClientWrite("c", 5, new Write.File(new FileOp.EmptyTrash(0))),
                        new ClientWrite("c", 6, new Write.File(new FileOp.Begin("/f", 5, SHA, 2L, "ann"))),
                        new ClientWrite("c", 7, new Write.File(new FileOp.Chunk(9, 0, data))),
                        new ClientWrite("c", 8, new Write.File(new FileOp.Commit(9))),
                        new ClientWrite("c", 9, new Write.File(new FileOp.Abort(9))),
                        new ClientWrite("c", 10, new Write.File(new FileOp.RestoreVersion("/f", 1, "ann"))))),
                new Response.Results(List.of(
                        new Result.File(new FileResult.FolderCreated("/a/b", List.of("/a", "/a/b")), 3),
                        new Result.File(new FileResult.Moved("folder", "/a", "/z", 4), 4),
                        new Result.File(new FileResult.Trashed("folder", "/z", 1, 4), 5),
                        new Result.File(new FileResult.Restored(1, "folder", "/y"), 6),
                        new Result.File(new FileResult.TrashEmptied(2, 99), 7),
                        new Result.File(new FileResult.UploadStarted(9, Limits.FILE_CHUNK_BYTES, 1), 8),
                        new Result.File(new FileResult.ChunkStored(9, 1, 5), 9),
                        new Result.File(new FileResult.Committed(4, "/f", 3, 5, SHA), 10),
                        new Result.File(new FileResult.Aborted(9), 11))),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.List("/"))),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.Stat("/f"))),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.Versions("/f"))),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.Read(4, 3, 0, 10))),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.Upload(9))),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.Uploads(null))),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.Trash())),
                new ReadRequest(Limits.PROTOCOL, new Query.File(new FileQuery.Usage("ann"))),
                new Response.File(new FileReply.Listing("/", List.of(new FileEntry("f", "/f", FileEntry.FILE, 4, 5, 3,
                        "ann", 7, SHA)), false), 12),
                new Response.File(new FileReply.Stat(new FileEntry("a", "/a", FileEntry.FOLDER, 1, 0, 0, null, 0, null), 0), 12),
                new Response.File(new FileReply.Versions(4, "/f", 3, List.of(new FileVersion(3, 5, SHA, "ann", 7, 10, 1))), 12),
                new Response.File(new FileReply.Data(4, 3, 0, 1, 5, SHA, data), 12),
                new Response.File(new FileReply.Upload(new UploadInfo(9, "/f", "ann", 5, SHA, null, 0, 1, 0, 1, 2, 3)), 12),
                new Response.File(new FileReply.Uploads(List.of()), 12),
                new Response.File(new FileReply.Trash(List.of(new TrashInfo(1, "/z", "folder", 4, 10, 5, "ann"))), 12),
                new Response.File(new FileReply.Usage("ann", 1, 2, 3, 4), 12),
                new Response.EventPage(List.of(
                        new Event(1, "c", 1, 2, new Event.File(new FileEvent.FolderCreated("/a"))),
                        new Event(2, "c", 2, 2, new Event.File(new FileEvent.Moved("doc", "/a", "/b"))),
                        new Event(3, "c", 3, 2, new Event.File(new FileEvent.Trashed("file", "/b", 1))),
                        new Event(4, "c", 4, 2, new Event.File(new FileEvent.Restored("file", "/b", 1))),
                        new Event(5, "c", 5, 2, new Event.File(new FileEvent.Versioned(4, "/f", 3, 5, SHA, "ann"))),
                        new Event(6, "c", 6, 2, new Event.File(new FileEvent.TrashEmptied(1)))), 6));
        for (Object v : values) {
            assertThat(Codec.decode(Codec.encode(v), v.getClass())).as(v.toString()).isEqualTo(v);
        }
    }

    @Test
    void chunkBytesTravelOutsideTheJsonInEntriesAndFrames() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            byte[] a = random(rnd, rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(5000));
            byte[] b = random(rnd, 1 + rnd.nextInt(5000));
            Command.Entry entry = new Command.Entry(Command.VERSION, List.of(
                    new Command(Command.VERSION, "c", 1, 5, a.length == 0 ? new Write.Cas("k", null, "v")
                            : new Write.File(new FileOp.Chunk(7, 0, a))),
                    new Command(Command.VERSION, "c", 2, 5, new Write.File(new FileOp.Chunk(7, 1, b)))));
            byte[] encoded = Payloads.encodeEntry(entry);
            assertThat(encoded[0]).as("seed %d", seed).isZero();
            assertThat(Payloads.jsonLength(encoded)).isLessThan(400);
            assertThat(encoded.length).isEqualTo(5 + Payloads.jsonLength(encoded) + (a.length == 0 ? 0 : 4 + a.length) + 4 + b.length);
            assertThat(Payloads.decodeEntry(encoded)).as("seed %d", seed).isEqualTo(entry);

            WriteBatch batch = new WriteBatch(Limits.PROTOCOL, List.of(new ClientWrite("c", 3,
                    new Write.File(new FileOp.Chunk(7, 2, b)))));
            Frames.WriteFrame frame = Payloads.writeFrame(batch);
            assertThat(new String(frame.body, StandardCharsets.UTF_8)).contains("\"data\":0");
            assertThat(Payloads.decodeWriteFrame(frame)).isEqualTo(batch);

            Response.File reply = new Response.File(new FileReply.Data(1, 2, 3, 4, 5, SHA, b), 6);
            Frames.ReplyFrame rf = Payloads.replyFrame(reply);
            assertThat(rf.data).hasSize(4 + b.length);
            assertThat(Payloads.decodeReply(rf)).isEqualTo(reply);
        }
    }

    @Test
    void entriesWithoutPayloadsStayPlainJsonAndBase64ChunksAreAccepted() {
        Command.Entry plain = new Command.Entry(Command.VERSION, List.of(new Command(Command.VERSION, "c", 1, 5,
                new Write.File(new FileOp.Commit(3)))));
        assertThat(Payloads.encodeEntry(plain)).isEqualTo(Codec.encode(plain));
        assertThat(Payloads.decodeEntry(Codec.encode(plain))).isEqualTo(plain);
        assertThat(Payloads.writeFrame(new WriteBatch(Limits.PROTOCOL, List.of(new ClientWrite("c", 1,
                new Write.File(new FileOp.Commit(3)))))).data).isNull();

        // A JSON-only client may send the chunk as base64 inside the body.
        WriteBatch b64 = new WriteBatch(Limits.PROTOCOL, List.of(new ClientWrite("c", 1,
                new Write.File(new FileOp.Chunk(3, 0, new byte[] {1, 2, 3})))));
        assertThat(new String(Codec.encode(b64), StandardCharsets.UTF_8)).contains("\"data\":\"AQID\"");
        assertThat(Payloads.decodeWriteFrame(new Frames.WriteFrame(Codec.encode(b64)))).isEqualTo(b64);
    }

    @Test
    void framesHaveAWireFormOfTheirOwnAndAnythingElseIsLeftToHessian() {
        byte[] data = random(new Random(3), 70_000);
        Frames.WriteFrame w = new Frames.WriteFrame(new byte[] {'{', '}'});
        w.data = data;
        Frames.WriteFrame w2 = (Frames.WriteFrame) Frames.fromWire(Frames.WriteFrame.class.getName(), Frames.toWire(w));
        assertThat(w2.body).isEqualTo(w.body);
        assertThat(w2.data).isEqualTo(data);
        Frames.ReplyFrame r = (Frames.ReplyFrame) Frames.fromWire(Frames.ReplyFrame.class.getName(),
                Frames.toWire(new Frames.ReplyFrame(new byte[] {'x'})));
        assertThat(r.body).containsExactly('x');
        assertThat(r.data).isNull();
        assertThat(Frames.fromWire(Frames.ReadFrame.class.getName(), Frames.toWire(new Frames.ReadFrame(new byte[0]))))
                .isInstanceOf(Frames.ReadFrame.class);
        assertThat(Frames.toWire("not a frame")).isNull();
        assertThat(Frames.fromWire(Frames.ReadFrame.class.getName(), new byte[] {'C', 0x30, 1, 2, 3, 4, 5})).isNull();
        assertThat(Frames.fromWire(Frames.ReadFrame.class.getName(), new byte[] {0, 'C', 'f', 1, 0, 0, 0, 9})).isNull();
    }

    @Test
    void aReferenceToAMissingPayloadIsABadRequest() {
        Frames.WriteFrame frame = Payloads.writeFrame(new WriteBatch(Limits.PROTOCOL, List.of(new ClientWrite("c", 1,
                new Write.File(new FileOp.Chunk(3, 0, new byte[] {1}))))));
        frame.data = null;
        assertThatThrownBy(() -> Payloads.decodeWriteFrame(frame)).isInstanceOf(ConcordException.class)
                .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
        frame.data = new byte[] {0, 0, 0, 9, 1};
        assertThatThrownBy(() -> Payloads.decodeWriteFrame(frame)).hasMessageContaining("framing");
    }

    /** The name rules, one row per rule: what is refused, and that the message names the rule. */
    @Test
    void namesAreValidatedWithAMessageThatSaysWhatToFix() {
        String[][] bad = {
            {"", "missing"},
            {"notes", "must start with '/'"},
            {"/", "empty segment"},
            {"/a//b", "empty segment"},
            {"/a/", "empty segment"},
            {"/a/./b", "'.' segment"},
            {"/a/..", "'..' segment"},
            {"/tab\there", "control character"},
            {"/nul\u0000", "control character"},
            {"/del\u007f", "control character"},
            {"/lone\uD800", "surrogate"},
            {"/" + "x".repeat(256), "255 bytes"},
            {"/" + "é".repeat(128), "255 bytes"},
        };
        for (String[] row : bad) {
            assertThatThrownBy(() -> new FileOp.MakeFolder(row[0], null).validate()).as(row[0])
                    .isInstanceOf(ConcordException.class).hasMessageContaining(row[1]);
        }
        for (String ok : List.of("/a", "/ä/😀", "/" + "x".repeat(255), "/" + "é".repeat(127) + "/.hidden", "/a b/c.d")) {
            new FileOp.MakeFolder(ok, null).validate();
        }
        FilePaths.validateDir("dir", "/");
        assertThatThrownBy(() -> new FileOp.Begin("/f", -1, SHA, null, null).validate()).hasMessageContaining("size");
        assertThatThrownBy(() -> new FileOp.Begin("/f", Limits.MAX_FILE_BYTES + 1, SHA, null, null).validate())
                .hasMessageContaining("1 GiB");
        assertThatThrownBy(() -> new FileOp.Begin("/f", 1, "ABC", null, null).validate()).hasMessageContaining("sha256sum");
        assertThatThrownBy(() -> new FileOp.Chunk(1, 0, new byte[Limits.FILE_CHUNK_BYTES + 1]).validate())
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> new FileOp.Chunk(1, 0, new byte[0]).validate()).hasMessageContaining("no data");
    }

    @Test
    void pathArithmetic() {
        assertThat(FilePaths.parent("/a")).isEqualTo("/");
        assertThat(FilePaths.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(FilePaths.name("/a/b/c")).isEqualTo("c");
        assertThat(FilePaths.ancestors("/a/b/c")).containsExactly("/a", "/a/b");
        assertThat(FilePaths.inside("/a/b", "/a")).isTrue();
        assertThat(FilePaths.inside("/ab", "/a")).isFalse();
        assertThat(FilePaths.inside("/a", "/")).isTrue();
        assertThat(FilePaths.rebase("/a/b/c", "/a/b", "/x")).isEqualTo("/x/c");
        assertThat(FileOp.chunkCount(0)).isZero();
        assertThat(FileOp.chunkCount(Limits.FILE_CHUNK_BYTES)).isEqualTo(1);
        assertThat(FileOp.chunkCount(Limits.FILE_CHUNK_BYTES + 1L)).isEqualTo(2);
    }
}
