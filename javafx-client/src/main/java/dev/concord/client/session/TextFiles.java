package dev.concord.client.session;

import dev.concord.client.net.ClusterClient;
import dev.concord.ot.TextOperation;
import dev.concord.protocol.ConcordException;
import dev.concord.protocol.ErrorCode;
import dev.concord.protocol.Limits;
import dev.concord.protocol.Query;
import dev.concord.protocol.Response;
import dev.concord.protocol.Result;
import dev.concord.protocol.Write;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Local text files to and from editable documents. */
public final class TextFiles {
    /**
     * Chars per import edit: JSON escapes a char into at most 6 bytes, so an edit of this many chars
     * stays well inside one log entry ({@link Limits#MAX_ENTRY_BYTES}).
     */
    static final int PIECE_CHARS = 128 * 1024;

    /** The imported document: id, path, head revision and length. */
    public record Imported(long id, String path, int revision, int length) {
    }

    private TextFiles() {
    }

    /** Creates document {@code path} holding the text of {@code local}, which must be UTF-8. */
    public static Imported importText(ClusterClient client, Path local, String path) {
        String text = readUtf8(local);
        if (text.length() > Limits.MAX_DOC_CHARS) {
            throw new ConcordException(ErrorCode.TOO_LARGE, local + " has " + text.length() + " chars; a document holds"
                    + " at most " + Limits.MAX_DOC_CHARS + ": store it as a file (bin/concord file put)");
        }
        ClusterClient.Writer w = client.newWriter();
        Result created = ClusterClient.await(w.submit(new Write.DocCreate(path)));
        if (!(created instanceof Result.DocCreated c)) {
            throw rejection(created);
        }
        int rev = 0;
        int at = 0;
        // Pieces end on code point boundaries: an edit may not cut a surrogate pair.
        while (at < text.length()) {
            int end = Math.min(text.length(), at + PIECE_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            TextOperation op = TextOperation.builder().retain(at).insert(text.substring(at, end)).build();
            Result r = ClusterClient.await(w.submit(new Write.DocSubmit(c.id(), rev, op)));
            if (!(r instanceof Result.DocCommitted done)) {
                throw rejection(r);
            }
            rev = done.revision();
            at = end;
        }
        return new Imported(c.id(), path, rev, text.length());
    }

    /** Writes the head text of document {@code path} to {@code local} as UTF-8; returns it. */
    public static Response.DocText exportText(ClusterClient client, String path, Path local, boolean force) {
        if (Files.exists(local) && !force) {
            throw new ConcordException(ErrorCode.CONFLICT, local + " exists; pass --force to overwrite it");
        }
        Response.DocText t = (Response.DocText) client.read(new Query.DocOpen(path));
        Path part = local.resolveSibling(local.getFileName() + ".concord-part");
        try {
            Files.writeString(part, t.text(), StandardCharsets.UTF_8);
            Files.move(part, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + local + ": " + e.getMessage(), e);
        }
        return t;
    }

    private static String readUtf8(Path local) {
        try {
            long size = Files.size(local);
            if (size > 4L * Limits.MAX_DOC_CHARS) {
                throw new ConcordException(ErrorCode.TOO_LARGE, local + " is " + size + " bytes, more than any document"
                        + " holds; store it as a file (bin/concord file put)");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(local)));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ConcordException(ErrorCode.BAD_REQUEST, local + " is not UTF-8 text; store it as a file with"
                    + " bin/concord file put");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + local + ": " + e.getMessage(), e);
        }
    }

    private static ConcordException rejection(Result r) {
        return r instanceof Result.Rejected rej ? new ConcordException(rej.code(), rej.message())
                : new ConcordException(ErrorCode.INTERNAL, "unexpected result " + r);
    }
}
