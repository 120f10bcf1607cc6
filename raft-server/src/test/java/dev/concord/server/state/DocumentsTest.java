package dev.concord.server.state;

import static dev.concord.server.state.DocFixture.delete;
import static dev.concord.server.state.DocFixture.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ot.TextOperation;
import dev.concord.protocol.DocOp;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentsTest {
    @TempDir
    Path tmp;
    private final List<RocksStore> open = new ArrayList<>();

    private DocFixture fixture() {
        RocksStore s = RocksStore.openEmpty(tmp.resolve("s" + open.size()));
        open.add(s);
        return new DocFixture(s);
    }

    @AfterEach
    void close() {
        open.forEach(RocksStore::close);
    }

    @Test
    void pathsAreUniqueAndADocumentIsNeitherAFolderNorInsideAnother() {
        DocFixture f = fixture();
        assertThat(f.ok("c", 1, new Write.DocCreate("/notes/plan.txt"), Result.DocCreated.class).id()).isEqualTo(1);
        assertThat(f.rejected("c", 2, new Write.DocCreate("/notes/plan.txt"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.rejected("c", 3, new Write.DocCreate("/notes"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.rejected("c", 4, new Write.DocCreate("/notes/plan.txt/x"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.ok("c", 5, new Write.DocCreate("/notes2"), Result.DocCreated.class).id()).isEqualTo(2);
        for (String bad : List.of("", "notes", "/", "/a//b", "/a/", "/a/./b", "/..", "/a\u0001b", "/\uD800x",
                "/" + "x".repeat(256))) {
            assertThat(f.apply("bad", 1 + bad.length(), new Write.DocCreate(bad)))
                    .as(bad).isInstanceOf(Result.Rejected.class);
        }
        assertThat(f.ok("c", 6, new Write.DocCreate("/" + "é".repeat(127)), Result.DocCreated.class).id()).isEqualTo(3);
    }

    @Test
    void renameKeepsIdAndHistoryAndDeleteFreesThePath() {
        DocFixture f = fixture();
        long id = f.ok("c", 1, new Write.DocCreate("/a"), Result.DocCreated.class).id();
        f.ok("c", 2, new Write.DocSubmit(id, 0, insert(0, 0, "hello")), Result.DocCommitted.class);
        f.ok("c", 3, new Write.DocCreate("/b"), Result.DocCreated.class);
        assertThat(f.rejected("c", 4, new Write.DocRename("/a", "/b"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.rejected("c", 5, new Write.DocRename("/nope", "/c"))).isEqualTo(ErrorCode.NOT_FOUND);
        f.ok("c", 6, new Write.DocRename("/a", "/dir/a"), Result.DocRenamed.class);
        assertThat(f.open("/dir/a").text()).isEqualTo("hello");
        assertThat(f.open("/dir/a").id()).isEqualTo(id);
        assertThat(f.queryError(new Query.DocOpen("/a"))).isEqualTo(ErrorCode.NOT_FOUND);
        Response.DocList list = (Response.DocList) f.reader.serve(new Query.DocList(null));
        assertThat(list.docs()).extracting(d -> d.path()).containsExactly("/b", "/dir/a");
        assertThat(((Response.DocList) f.reader.serve(new Query.DocList("/dir/"))).docs()).hasSize(1);

        f.ok("c", 7, new Write.DocDelete("/dir/a"), Result.DocDeleted.class);
        assertThat(f.queryError(new Query.DocOpen("/dir/a"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.rejected("c", 8, new Write.DocSubmit(id, 1, insert(5, 0, "x")))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.ok("c", 9, new Write.DocCreate("/dir/a"), Result.DocCreated.class).id()).isNotEqualTo(id);
        assertThat(f.open("/dir/a").text()).isEmpty();
    }

    @Test
    void concurrentOpsAreTransformedAgainstHistoryAndTheCommittedTextComesFirstAtATie() {
        DocFixture f = fixture();
        long id = f.ok("c", 1, new Write.DocCreate("/d"), Result.DocCreated.class).id();
        f.ok("a", 1, new Write.DocSubmit(id, 0, insert(0, 0, "abc")), Result.DocCommitted.class);
        // Three clients edit revision 1 without seeing each other.
        f.ok("x", 1, new Write.DocSubmit(id, 1, insert(3, 1, "X")), Result.DocCommitted.class);
        f.ok("y", 1, new Write.DocSubmit(id, 1, insert(3, 1, "Y")), Result.DocCommitted.class);
        Result.DocCommitted last = f.ok("z", 1, new Write.DocSubmit(id, 1, delete(3, 0, 3)), Result.DocCommitted.class);
        assertThat(last.revision()).isEqualTo(4);
        assertThat(f.open("/d").text()).isEqualTo("XY");
        assertThat(f.open("/d").revision()).isEqualTo(4);
        // The stored op is the transformed one: it applies to revision 3's text.
        DocOp z = f.ops(id, 3).ops().get(0);
        assertThat(z.op().apply(f.at("/d", 3).text())).isEqualTo("XY");
        assertThat(z.author()).isEqualTo("z");
        assertThat(f.at("/d", 2).text()).isEqualTo("aXbc");
    }

    @Test
    void anEditEmitsTheTransformedOpWithRevisionAndAuthor() {
        DocFixture f = fixture();
        long id = f.ok("c", 1, new Write.DocCreate("/d"), Result.DocCreated.class).id();
        f.ok("a", 1, new Write.DocSubmit(id, 0, insert(0, 0, "ab")), Result.DocCommitted.class);
        f.ok("b", 1, new Write.DocSubmit(id, 0, insert(0, 0, "Z")), Result.DocCommitted.class);
        Response.EventPage page = new StateReader(f.store).events(f.index - 1, 10);
        assertThat(page.events()).hasSize(1);
        Event e = page.events().get(0);
        assertThat(e.clientId()).isEqualTo("b");
        assertThat(e.seq()).isEqualTo(1);
        assertThat(e.change()).isEqualTo(new Event.DocEdited(id, "/d", 2, insert(2, 2, "Z"), "b"));
    }

    @Test
    void aBaseAheadOfTheDocumentOrTooFarBehindIsAStaleRevisionAndChangesNothing() {
        DocFixture f = fixture();
        long id = f.ok("c", 1, new Write.DocCreate("/d"), Result.DocCreated.class).id();
        f.ok("a", 1, new Write.DocSubmit(id, 0, insert(0, 0, "ab")), Result.DocCommitted.class);
        assertThat(f.rejected("a", 2, new Write.DocSubmit(id, 5, insert(2, 0, "x")))).isEqualTo(ErrorCode.STALE_REVISION);
        assertThat(f.rejected("a", 3, new Write.DocSubmit(id, 1, insert(7, 0, "x")))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.rejected("a", 4, new Write.DocSubmit(id, 0, insert(2, 0, "x")))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.open("/d").revision()).isEqualTo(1);
        assertThat(f.open("/d").text()).isEqualTo("ab");
        // A no-op is still a revision: the sender's protocol counts on every send being acknowledged.
        assertThat(f.ok("a", 5, new Write.DocSubmit(id, 1, TextOperation.identity(2)), Result.DocCommitted.class).revision())
                .isEqualTo(2);

        Documents tight = new Documents(f.store, new Documents.Tuning(3, 64, 1 << 16, 4));
        for (int i = 0; i < 4; i++) {
            f.ok("a", 10 + i, new Write.DocSubmit(id, 2 + i, insert(2 + i, 0, "y")), Result.DocCommitted.class);
        }
        var cmd = new dev.concord.protocol.Command(1, "late", 1, f.time, new Write.DocSubmit(id, 2, insert(2, 0, "z")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tight.execute(cmd, 99, f.time, new ArrayList<>()))
                .hasMessageContaining("4 revisions behind")
                .satisfies(e -> assertThat(((dev.concord.protocol.ConcordException) e).code()).isEqualTo(ErrorCode.STALE_REVISION));
    }

    @Test
    void anOpThatCutsASurrogatePairIsABadRequestAtHeadAndAfterTransform() {
        DocFixture f = fixture();
        long id = f.ok("c", 1, new Write.DocCreate("/d"), Result.DocCreated.class).id();
        f.ok("a", 1, new Write.DocSubmit(id, 0, insert(0, 0, "a\uD83D\uDE00b")), Result.DocCommitted.class);
        assertThat(f.rejected("a", 2, new Write.DocSubmit(id, 1, insert(4, 2, "x")))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.rejected("a", 3, new Write.DocSubmit(id, 1, delete(4, 2, 2)))).isEqualTo(ErrorCode.BAD_REQUEST);
        // Someone inserts an emoji before the pair; a cut based on the old revision still lands inside it.
        f.ok("b", 1, new Write.DocSubmit(id, 1, insert(4, 0, "\uD83D\uDE01")), Result.DocCommitted.class);
        assertThat(f.rejected("a", 4, new Write.DocSubmit(id, 2, insert(6, 4, "x")))).isEqualTo(ErrorCode.BAD_REQUEST);
        f.ok("a", 5, new Write.DocSubmit(id, 1, insert(4, 3, "x")), Result.DocCommitted.class);
        assertThat(f.open("/d").text()).isEqualTo("\uD83D\uDE01a\uD83D\uDE00xb");
        assertThat(f.rejected("a", 6, new Write.DocSubmit(id, 3, delete(7, 1, 1)))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void aRetriedSubmitIsAnsweredFromTheTableAndAppearsOnceInHistory() {
        DocFixture f = fixture();
        long id = f.ok("c", 1, new Write.DocCreate("/d"), Result.DocCreated.class).id();
        Write w = new Write.DocSubmit(id, 0, insert(0, 0, "once"));
        Result first = f.apply("a", 1, w);
        f.ok("b", 1, new Write.DocSubmit(id, 1, insert(4, 4, "!")), Result.DocCommitted.class);
        // The retry arrives after another edit, still based on revision 0.
        assertThat(f.apply("a", 1, w)).isEqualTo(first);
        assertThat(f.open("/d").text()).isEqualTo("once!");
        assertThat(f.ops(id, 0).ops()).extracting(DocOp::clientId).containsExactly("a", "b");
    }

    @Test
    void restoreCommitsTheOldTextAsANewRevisionAndKeepsHistory() {
        DocFixture f = fixture();
        long id = f.ok("c", 1, new Write.DocCreate("/d"), Result.DocCreated.class).id();
        f.ok("a", 1, new Write.DocSubmit(id, 0, insert(0, 0, "one \uD83D\uDE00 two")), Result.DocCommitted.class);
        f.ok("a", 2, new Write.DocSubmit(id, 1, TextOperation.builder().retain(4).delete(2).insert("\uD83D\uDE03").retain(4).build()),
                Result.DocCommitted.class);
        f.ok("a", 3, new Write.DocSubmit(id, 2, insert(10, 10, " three")), Result.DocCommitted.class);
        Result.DocCommitted r = f.ok("b", 1, new Write.DocRestore(id, 1), Result.DocCommitted.class);
        assertThat(r.revision()).isEqualTo(4);
        assertThat(f.open("/d").text()).isEqualTo("one \uD83D\uDE00 two");
        assertThat(f.at("/d", 3).text()).isEqualTo("one \uD83D\uDE03 two three");
        assertThat(f.ok("b", 2, new Write.DocRestore(id, 1), Result.DocCommitted.class).revision()).isEqualTo(4);
        assertThat(f.rejected("b", 3, new Write.DocRestore(id, 9))).isEqualTo(ErrorCode.NOT_FOUND);
        f.ok("b", 4, new Write.DocRestore(id, 0), Result.DocCommitted.class);
        assertThat(f.open("/d").text()).isEmpty();
        Response.DocHistory h = (Response.DocHistory) f.reader.serve(new Query.DocHistory("/d", 1, 100));
        assertThat(h.revisions()).extracting(x -> x.author()).containsExactly("a", "a", "a", "b", "b");
        assertThat(h.revisions().get(4).deleted()).isEqualTo(10);
    }

    @Test
    void diffNeverCutsASurrogatePair() {
        String[][] cases = {{"\uD83D\uDE00", "\uD83D\uDE01"}, {"x\uD83D\uDE00", "x\uD83D\uDE01"},
            {"\uD83D\uDE00y", "\uD83D\uDE01y"}, {"a\uD83D\uDE00\uD83D\uDE00b", "a\uD83D\uDE00b"}, {"", "abc"}, {"abc", ""}};
        for (String[] c : cases) {
            TextOperation op = Diff.between(c[0], c[1]);
            assertThat(op.apply(c[0])).isEqualTo(c[1]);
            SurrogatePairs.requireNoSplit(SurrogatePairs.of(c[0]), op);
        }
    }
}
