package dev.concord.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.config.FileLimits;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Event;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import dev.concord.protocol.files.FileEntry;
import dev.concord.protocol.files.FileEvent;
import dev.concord.protocol.files.FileOp;
import dev.concord.protocol.files.FileQuery;
import dev.concord.protocol.files.FileReply;
import dev.concord.protocol.files.FileResult;
import dev.concord.protocol.files.FileVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;
    private final List<RocksStore> open = new ArrayList<>();
    private final Random rnd = new Random(42);

    private FileFixture fixture(String name, FileLimits limits) {
        RocksStore s = RocksStore.openEmpty(tmp.resolve(name));
        open.add(s);
        return new FileFixture(s, limits);
    }

    private FileFixture fixture() {
        return fixture("s", new FileLimits(3, 64L * MIB, 128L * MIB, 60_000));
    }

    @AfterEach
    void close() {
        open.forEach(RocksStore::close);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    @Test
    void uploadsOfEveryChunkBoundaryReadBackIdentically() {
        FileFixture f = fixture();
        long total = 0;
        for (int size : new int[] {0, 1, Limits.FILE_CHUNK_BYTES - 1, Limits.FILE_CHUNK_BYTES, Limits.FILE_CHUNK_BYTES + 1,
            3 * Limits.FILE_CHUNK_BYTES + 17}) {
            byte[] data = bytes(size);
            total += size;
            FileResult.Committed c = f.put("/b/f" + size, data, "ann", null);
            assertThat(c.version()).isEqualTo(1);
            assertThat(c.sha256()).isEqualTo(FileFixture.sha256(data));
            assertThat(f.get("/b/f" + size, 0)).as("size %d", size).isEqualTo(data);
        }
        FileReply.Stat st = (FileReply.Stat) f.query(new FileQuery.Stat("/b/f" + (Limits.FILE_CHUNK_BYTES + 1)));
        assertThat(st.chunks()).isEqualTo(2);
        assertThat(st.entry().author()).isEqualTo("ann");
        assertThat(f.usage("ann")).isEqualTo(total);
    }

    @Test
    void anUploadIsInvisibleUntilCommittedAndChunksMustComeInOrder() {
        FileFixture f = fixture();
        byte[] data = bytes(2 * Limits.FILE_CHUNK_BYTES + 5);
        long id = f.begin("/x", data, null, null).upload();
        assertThat(f.queryError(new FileQuery.Stat("/x"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.code(new FileOp.Chunk(id, 1, FileFixture.chunk(data, 1)))).isEqualTo(ErrorCode.CONFLICT);
        f.ok(new FileOp.Chunk(id, 0, FileFixture.chunk(data, 0)), FileResult.ChunkStored.class);
        // A resend of chunk 0 (a client retrying under a new seq) is answered with the upload's state.
        FileResult.ChunkStored again = f.ok(new FileOp.Chunk(id, 0, FileFixture.chunk(data, 0)), FileResult.ChunkStored.class);
        assertThat(again.next()).isEqualTo(1);
        assertThat(f.rejected(new FileOp.Chunk(id, 1, new byte[10])).message()).contains("must have " + Limits.FILE_CHUNK_BYTES);
        assertThat(f.rejected(new FileOp.Commit(id)).message()).contains("send chunk 1");
        FileReply.Upload st = (FileReply.Upload) f.query(new FileQuery.Upload(id));
        assertThat(st.upload().next()).isEqualTo(1);
        assertThat(st.upload().received()).isEqualTo(Limits.FILE_CHUNK_BYTES);
        f.chunks(id, data, st.upload().next());
        f.ok(new FileOp.Commit(id), FileResult.Committed.class);
        assertThat(f.get("/x", 0)).isEqualTo(data);
        assertThat(((FileReply.Uploads) f.query(new FileQuery.Uploads(null))).uploads()).isEmpty();
    }

    @Test
    void aChecksumMismatchDropsTheUploadAndReleasesItsQuota() {
        FileFixture f = fixture();
        byte[] data = bytes(Limits.FILE_CHUNK_BYTES + 3);
        long id = f.ok(new FileOp.Begin("/x", data.length, FileFixture.sha256(bytes(4)), null, "ann"),
                FileResult.UploadStarted.class).upload();
        assertThat(f.usage("ann")).isEqualTo(data.length);
        f.chunks(id, data, 0);
        Result.Rejected r = f.rejected(new FileOp.Commit(id));
        assertThat(r.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(r.message()).contains("SHA-256").contains("upload the file again");
        assertThat(f.usage("ann")).isZero();
        assertThat(f.store.get(Keys.chunk(id, 0))).isNull();
        assertThat(f.queryError(new FileQuery.Upload(id))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.queryError(new FileQuery.Stat("/x"))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void anExpectedVersionMakesAnUploadACompareAndSet() {
        FileFixture f = fixture();
        f.put("/doc.bin", bytes(10), "ann", 0L);
        assertThat(f.code(new FileOp.Begin("/doc.bin", 1, FileFixture.sha256(new byte[1]), 0L, null)))
                .isEqualTo(ErrorCode.CONFLICT);
        // Bob begins against version 1; Ann commits version 2 first; Bob's commit is refused and dropped.
        byte[] bob = bytes(20);
        long upload = f.begin("/doc.bin", bob, "bob", 1L).upload();
        f.chunks(upload, bob, 0);
        f.put("/doc.bin", bytes(30), "ann", 1L);
        Result.Rejected r = f.rejected(new FileOp.Commit(upload));
        assertThat(r.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(r.message()).contains("is at version 2, not 1").contains("--expect 2");
        assertThat(f.usage("bob")).isZero();
        // Without an expected version an upload simply becomes the next version.
        assertThat(f.put("/doc.bin", bob, "bob", null).version()).isEqualTo(3);
        assertThat(f.get("/doc.bin", 0)).isEqualTo(bob);
    }

    @Test
    void quotasRefuseAnUploadBeforeAnyChunkAndCountUnfinishedUploads() {
        FileFixture f = fixture("q", new FileLimits(2, 3L * MIB, 5L * MIB, 60_000));
        f.put("/a", bytes(2 * MIB), "ann", null);
        Result.Rejected r = f.rejected(new FileOp.Begin("/b", 2L * MIB, FileFixture.sha256(new byte[0]), null, "ann"));
        assertThat(r.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(r.message()).contains("ann stores 2.0 MiB of a 3.0 MiB quota").contains("file_quota_user_mib");
        long pending = f.begin("/c", bytes(2 * MIB), "bob", null).upload();
        r = f.rejected(new FileOp.Begin("/d", 2L * MIB, FileFixture.sha256(new byte[0]), null, "cy"));
        assertThat(r.message()).contains("the cluster stores 4.0 MiB").contains("file_quota_cluster_mib");
        f.ok(new FileOp.Abort(pending), FileResult.Aborted.class);
        assertThat(f.clusterUsage()).isEqualTo(2L * MIB);
        // Trash still counts; emptying it frees the bytes.
        f.ok(new FileOp.Delete("/a", "ann"), FileResult.Trashed.class);
        assertThat(f.usage("ann")).isEqualTo(2L * MIB);
        assertThat(f.ok(new FileOp.EmptyTrash(0), FileResult.TrashEmptied.class).bytes()).isEqualTo(2L * MIB);
        assertThat(f.usage("ann")).isZero();
        f.put("/b", bytes(3 * MIB), "ann", null);
    }

    @Test
    void oldVersionsArePrunedAndARestoreSharesTheBytes() {
        FileFixture f = fixture();
        List<byte[]> versions = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            versions.add(bytes(1000 + v));
            f.put("/v", versions.get(v - 1), "ann", null);
        }
        FileReply.Versions vs = (FileReply.Versions) f.query(new FileQuery.Versions("/v"));
        assertThat(vs.versions()).extracting(FileVersion::version).containsExactly(3L, 4L, 5L);
        assertThat(f.usage("ann")).isEqualTo(1003 + 1004 + 1005);
        assertThat(f.code(new FileOp.RestoreVersion("/v", 1, null))).isEqualTo(ErrorCode.NOT_FOUND);

        FileResult.Committed c = f.ok(new FileOp.RestoreVersion("/v", 3, "bob"), FileResult.Committed.class);
        assertThat(c.version()).isEqualTo(6);
        assertThat(f.get("/v", 0)).isEqualTo(versions.get(2));
        assertThat(f.usage("ann")).as("a restore stores no new bytes").isEqualTo(1003 + 1004 + 1005 - 1003 + 1003);
        vs = (FileReply.Versions) f.query(new FileQuery.Versions("/v"));
        assertThat(vs.versions()).extracting(FileVersion::restoredFrom).containsExactly(0L, 0L, 3L);
        // Version 4 and 5 go; the bytes of version 3 stay while version 6 still uses them.
        f.put("/v", bytes(7), "ann", null);
        f.put("/v", bytes(8), "ann", null);
        assertThat(f.get("/v", 6)).isEqualTo(versions.get(2));
        assertThat(f.usage("ann")).isEqualTo(1003 + 7 + 8);
    }

    @Test
    void deletingAFolderTrashesEverythingInsideAndRestoringBringsItBack() {
        FileFixture f = fixture();
        long doc = ((Result.DocCreated) f.apply(new Write.DocCreate("/p/notes.txt"))).id();
        byte[] data = bytes(5000);
        f.put("/p/sub/pic.png", data, "ann", null);
        f.ok(new FileOp.MakeFolder("/p/empty", "ann"), FileResult.FolderCreated.class);

        FileResult.Trashed t = f.ok(new FileOp.Delete("/p", "bob"), FileResult.Trashed.class);
        assertThat(t.entries()).isEqualTo(5); // notes.txt, sub, sub/pic.png, empty, and /p is implicit
        assertThat(f.eventsAt(f.index)).extracting(Event::change).contains(new Event.DocDeleted(doc, "/p/notes.txt"));
        assertThat(f.queryError(new FileQuery.Stat("/p"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(((FileReply.Trash) f.query(new FileQuery.Trash())).items()).singleElement()
                .satisfies(i -> assertThat(i.bytes()).isEqualTo(5000)).satisfies(i -> assertThat(i.deletedBy()).isEqualTo("bob"));

        f.put("/p/other", bytes(3), "ann", null);
        assertThat(f.rejected(new FileOp.RestoreTrash(t.trash(), null)).message()).contains("--to PATH");
        f.ok(new FileOp.RestoreTrash(t.trash(), "/q"), FileResult.Restored.class);
        assertThat(f.get("/q/sub/pic.png", 0)).isEqualTo(data);
        assertThat(f.eventsAt(f.index)).extracting(Event::change).contains(new Event.DocCreated(doc, "/q/notes.txt"));
        assertThat(f.apply(new Write.DocSubmit(doc, 0, FileFixture_insert("hi")))).isInstanceOf(Result.DocCommitted.class);

        f.ok(new FileOp.Delete("/q/sub/pic.png", null), FileResult.Trashed.class);
        f.ok(new FileOp.EmptyTrash(0), FileResult.TrashEmptied.class);
        assertThat(((FileReply.Trash) f.query(new FileQuery.Trash())).items()).isEmpty();
        assertThat(f.usage("ann")).isEqualTo(3);
    }

    private static dev.concord.ot.TextOperation FileFixture_insert(String s) {
        return dev.concord.ot.TextOperation.builder().insert(s).build();
    }

    @Test
    void movingAFolderMovesItsDocumentsAndFiles() {
        FileFixture f = fixture();
        f.apply(new Write.DocCreate("/a/b/doc"));
        f.put("/a/b/file", bytes(9), "ann", null);
        f.ok(new FileOp.MakeFolder("/a/c", null), FileResult.FolderCreated.class);
        assertThat(f.code(new FileOp.Move("/a", "/a/z"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.code(new FileOp.Move("/a/b", "/a/c"))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(new FileOp.Move("/a/b", "/a/b/file/x"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.code(new FileOp.Move("/a/c", "/a/b/file/x"))).isEqualTo(ErrorCode.CONFLICT);

        FileResult.Moved m = f.ok(new FileOp.Move("/a", "/new/place"), FileResult.Moved.class);
        assertThat(m.entries()).isEqualTo(5);
        assertThat(f.eventsAt(f.index)).extracting(Event::change).contains(new Event.DocRenamed(1, "/a/b/doc", "/new/place/b/doc"));
        assertThat(((dev.concord.protocol.Response.DocText) new DocumentReader(f.store)
                .serve(new dev.concord.protocol.Query.DocOpen("/new/place/b/doc"))).id()).isEqualTo(1);
        assertThat(f.get("/new/place/b/file", 0)).hasSize(9);
        FileReply.Listing root = (FileReply.Listing) f.query(new FileQuery.List("/"));
        assertThat(root.entries()).extracting(FileEntry::path).containsExactly("/new");
        FileReply.Listing place = (FileReply.Listing) f.query(new FileQuery.List("/new/place"));
        assertThat(place.entries()).extracting(FileEntry::name).containsExactly("b", "c");
    }

    @Test
    void listingsShowImplicitAndExplicitFoldersDocumentsAndFilesOnce() {
        FileFixture f = fixture();
        f.apply(new Write.DocCreate("/d/x/one"));
        f.apply(new Write.DocCreate("/d/x/two"));
        f.apply(new Write.DocCreate("/d/x.txt"));
        f.ok(new FileOp.MakeFolder("/d/y", "ann"), FileResult.FolderCreated.class);
        f.put("/d/y/z/deep", bytes(4), "bob", null);
        f.put("/d/a-file", bytes(3), "bob", null);
        FileReply.Listing l = (FileReply.Listing) f.query(new FileQuery.List("/d"));
        assertThat(l.entries()).extracting(FileEntry::name, FileEntry::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a-file", FileEntry.FILE),
                org.assertj.core.groups.Tuple.tuple("x", FileEntry.FOLDER),
                org.assertj.core.groups.Tuple.tuple("x.txt", FileEntry.DOC),
                org.assertj.core.groups.Tuple.tuple("y", FileEntry.FOLDER));
        FileEntry file = l.entries().get(0);
        assertThat(file.size()).isEqualTo(3);
        assertThat(file.version()).isEqualTo(1);
        assertThat(file.author()).isEqualTo("bob");
        assertThat(l.entries().get(3).author()).isEqualTo("ann");
        assertThat(f.queryError(new FileQuery.List("/d/a-file"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.queryError(new FileQuery.List("/nope"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(((FileReply.Listing) f.query(new FileQuery.List("/"))).entries()).extracting(FileEntry::path)
                .containsExactly("/d");
    }

    @Test
    void onePathHoldsOneEntryAndNothingLivesInsideADocumentOrFile() {
        FileFixture f = fixture();
        f.put("/f", bytes(3), null, null);
        f.apply(new Write.DocCreate("/doc"));
        f.ok(new FileOp.MakeFolder("/dir", null), FileResult.FolderCreated.class);
        assertThat(f.code(new FileOp.MakeFolder("/f", null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(new FileOp.MakeFolder("/f/sub", null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(new FileOp.MakeFolder("/dir", null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(new FileOp.Begin("/doc", 0, FileFixture.sha256(new byte[0]), null, null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(new FileOp.Begin("/dir", 0, FileFixture.sha256(new byte[0]), null, null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.code(new FileOp.Begin("/doc/x", 0, FileFixture.sha256(new byte[0]), null, null))).isEqualTo(ErrorCode.CONFLICT);
        assertThat(f.apply(new Write.DocCreate("/f/x"))).isInstanceOf(Result.Rejected.class);
        assertThat(f.apply(new Write.DocCreate("/dir/x"))).isInstanceOf(Result.DocCreated.class);
        // Bad names are refused in apply too, and nothing is created.
        assertThat(f.code(new FileOp.MakeFolder("/a/../b", null))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(f.code(new FileOp.MakeFolder("/a\u0001", null))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(((FileReply.Listing) f.query(new FileQuery.List("/"))).entries()).extracting(FileEntry::name)
                .containsExactly("dir", "doc", "f");
    }

    @Test
    void idleUploadsAreDroppedByTheSweepAtAFixedIndex() {
        FileFixture f = fixture("t", new FileLimits(3, 64L * MIB, 128L * MIB, 1_000));
        long id = f.begin("/x", bytes(10), "ann", null).upload();
        f.time += 5_000;
        while (f.index % Files.SWEEP_EVERY != Files.SWEEP_EVERY - 1) {
            f.apply(new Write.Cas("k", null, null));
        }
        assertThat(f.query(new FileQuery.Upload(id))).isNotNull();
        f.apply(new Write.Cas("k", null, null));
        assertThat(f.queryError(new FileQuery.Upload(id))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(f.usage("ann")).isZero();
        assertThat(f.code(new FileOp.Commit(id))).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aNodeThatRestartsMidUploadComputesTheSameChecksumAndState() {
        FileLimits limits = new FileLimits(3, 64L * MIB, 128L * MIB, 60_000);
        FileFixture a = fixture("a", limits);
        FileFixture b = fixture("b", limits);
        byte[] data = bytes(3 * Limits.FILE_CHUNK_BYTES + 1);
        for (FileFixture f : List.of(a, b)) {
            long id = f.begin("/x", data, "ann", null).upload();
            f.ok(new FileOp.Chunk(id, 0, FileFixture.chunk(data, 0)), FileResult.ChunkStored.class);
            f.ok(new FileOp.Chunk(id, 1, FileFixture.chunk(data, 1)), FileResult.ChunkStored.class);
        }
        // b loses its in-memory digests, as a restarted node or one that installed a snapshot does.
        FileFixture b2 = new FileFixture(b.store, limits);
        b2.index = b.index;
        b2.time = b.time;
        b2.seq = b.seq;
        for (FileFixture f : List.of(a, b2)) {
            f.chunks(1, data, 2);
            f.ok(new FileOp.Commit(1), FileResult.Committed.class);
        }
        assertThat(b2.stateReader.digest()).isEqualTo(a.stateReader.digest());
        assertThat(b2.get("/x", 0)).isEqualTo(data);
    }

    @Test
    void treeChangesAreAnnouncedAsEvents() {
        FileFixture f = fixture();
        f.put("/e/f", bytes(1), "ann", null);
        assertThat(f.eventsAt(f.index)).extracting(Event::change).containsExactly(
                new Event.File(new FileEvent.FolderCreated("/e")),
                new Event.File(new FileEvent.Versioned(1, "/e/f", 1, 1, ((FileReply.Stat) f.query(new FileQuery.Stat("/e/f")))
                        .entry().sha256(), "ann")));
        long before = f.index;
        f.begin("/e/g", bytes(2), null, null);
        f.ok(new FileOp.Chunk(2, 0, bytes(2)), FileResult.ChunkStored.class);
        assertThat(f.stateReader.events(before, 100).events()).as("uploads are silent until commit").isEmpty();
    }
}
