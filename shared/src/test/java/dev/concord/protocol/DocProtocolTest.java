package dev.concord.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concord.ot.TextOperation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocProtocolTest {
    private static final TextOperation OP = TextOperation.builder().retain(2).insert("\uD83D\uDE00\"x").delete(1).retain(3).build();

    @Test
    void documentWritesResultsQueriesResponsesAndEventsRoundTrip() {
        List<Object> values = List.of(
                new WriteBatch(Limits.PROTOCOL, List.of(
                        new ClientWrite("c", 1, new Write.DocCreate("/notes/plan.txt")),
                        new ClientWrite("c", 2, new Write.DocRename("/a", "/b")),
                        new ClientWrite("c", 3, new Write.DocDelete("/b")),
                        new ClientWrite("c", 4, new Write.DocSubmit(7, 3, OP)),
                        new ClientWrite("c", 5, new Write.DocRestore(7, 1)))),
                new Response.Results(List.of(new Result.DocCreated(1, "/a", 9), new Result.DocRenamed(1, "/a", "/b", 10),
                        new Result.DocDeleted(1, "/b", 11), new Result.DocCommitted(7, 4, 12, 13))),
                new ReadRequest(Limits.PROTOCOL, new Query.DocList(null)),
                new ReadRequest(Limits.PROTOCOL, new Query.DocOpen("/a")),
                new ReadRequest(Limits.PROTOCOL, new Query.DocHistory("/a", 1, 100)),
                new ReadRequest(Limits.PROTOCOL, new Query.DocAt("/a", 3)),
                new ReadRequest(Limits.PROTOCOL, new Query.DocOps(7, 3, 100)),
                new Response.DocList(List.of(new DocInfo(1, "/a", 3, 10, 5, 6)), false, 12),
                new Response.DocText(1, "/a", 3, "text \uD83D\uDE00", 12),
                new Response.DocHistory(1, "/a", 3, List.of(new DocRevision(1, "c", 5, 9, 3, 0, 3)), 12),
                new Response.DocOps(7, "/a", 4, List.of(new DocOp(4, OP, "c", "c", 4, 5, 13)), 13),
                new Response.EventPage(List.of(new Event(13, "c", 4, 5, new Event.DocEdited(7, "/a", 4, OP, "c")),
                        new Event(14, "c", 6, 5, new Event.DocCreated(8, "/n")),
                        new Event(15, "c", 7, 5, new Event.DocRenamed(8, "/n", "/m")),
                        new Event(16, "c", 8, 5, new Event.DocDeleted(8, "/m"))), 16));
        for (Object v : values) {
            assertThat(Codec.decode(Codec.encode(v), v.getClass())).isEqualTo(v);
        }
    }

    @Test
    void aMalformedOpOnTheWireIsABadRequest() {
        String json = "{\"protocol\":1,\"writes\":[{\"clientId\":\"c\",\"seq\":1,\"op\":{\"type\":\"doc.submit\","
                + "\"id\":1,\"base\":0,\"op\":[3,\"\",-1]}}]}";
        assertThatThrownBy(() -> Codec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), WriteBatch.class))
                .isInstanceOf(ConcordException.class)
                .satisfies(e -> assertThat(((ConcordException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void pathsAreSlashSeparatedSegmentsOfBoundedUtf8WithoutDotsOrControls() {
        for (String ok : List.of("/a", "/notes/plan.txt", "/ä/😀", "/" + "é".repeat(127), "/.hidden", "/a b/c")) {
            DocPath.validate("path", ok);
        }
        for (String bad : List.of("", "a", "/", "//a", "/a/", "/a//b", "/./a", "/a/..", "/tab\there", "/del\u007f",
                "/lone\uD800", "/" + "x".repeat(256), "/" + "é".repeat(128))) {
            assertThatThrownBy(() -> DocPath.validate("path", bad)).as(bad).isInstanceOf(ConcordException.class);
        }
        assertThatThrownBy(() -> new Write.DocSubmit(0, 0, OP).validate()).hasMessageContaining("doc.open");
        assertThatThrownBy(() -> new Write.DocSubmit(1, -1, OP).validate()).hasMessageContaining("base");
    }
}
