package dev.concord.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {

    /** Random strings with astral characters, quotes, backslashes and control characters. */
    static String text(Random rnd, int max) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(6)) {
                case 0 -> sb.appendCodePoint(0x1F600 + rnd.nextInt(50));
                case 1 -> sb.append("\"\\\n\t".charAt(rnd.nextInt(4)));
                case 2 -> sb.append((char) (0x4E00 + rnd.nextInt(100)));
                default -> sb.append((char) ('a' + rnd.nextInt(26)));
            }
        }
        return sb.toString();
    }

    static Write write(Random rnd) {
        return rnd.nextBoolean()
                ? new Write.StreamAppend("s" + rnd.nextInt(5), text(rnd, 30))
                : new Write.Cas("k" + rnd.nextInt(5), rnd.nextBoolean() ? null : "v" + text(rnd, 5),
                rnd.nextBoolean() ? null : "v" + text(rnd, 5));
    }

    @Test
    void commandEntriesRoundTrip() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            List<Command> cmds = new ArrayList<>();
            for (int j = 0; j <= rnd.nextInt(5); j++) {
                cmds.add(new Command(Command.VERSION, "c" + rnd.nextInt(3), rnd.nextInt(1000) + 1L, rnd.nextLong(), write(rnd)));
            }
            Command.Entry entry = new Command.Entry(Command.VERSION, cmds);
            byte[] bytes = Codec.encode(entry);
            assertThat(Codec.decode(bytes, Command.Entry.class)).as("seed %d", seed).isEqualTo(entry);
            assertThat(Codec.encode(Codec.decode(bytes, Command.Entry.class))).as("stable bytes, seed %d", seed).isEqualTo(bytes);
        }
    }

    @Test
    void responsesRoundTrip() {
        List<Response> all = List.of(
                new Response.Results(List.of(new Result.Appended("s", 3, 9), new Result.CasResult(false, null, 4),
                        new Result.Rejected(ErrorCode.TOO_LARGE, "too big", 0))),
                new Response.Failure(ErrorCode.NOT_LEADER, "go there", "127.0.0.1:7102"),
                new Response.Value("k", null, 3),
                new Response.Records("s", List.of(new StreamRecord(0, 5, 6, "c", 1, "t")), 1, 1),
                new Response.EventPage(List.of(new Event(5, "c", 1, 6, new Event.StreamAppended("s", 0, "t")),
                        new Event(6, "c", 2, 7, new Event.RegisterChanged("k", null))), 6),
                new Response.Status(new NodeStatus(1, "a:1", "g", "LEADER", 2, 1, 3, 3, 3, 0, 0)),
                new Response.Digest(3, "ab"));
        for (Response r : all) {
            assertThat(Codec.decode(Codec.encode(r), Response.class)).isEqualTo(r);
        }
    }

    @Test
    void malformedInputIsABadRequestNamingTheProblem() {
        assertThatThrownBy(() -> Codec.decode("{".getBytes(StandardCharsets.UTF_8), WriteBatch.class))
                .isInstanceOf(ConcordException.class).hasMessageContaining("malformed WriteBatch");
        assertThatThrownBy(() -> Codec.decode("{\"protocol\":1,\"writes\":[{\"clientId\":\"c\",\"seq\":1,\"op\":{\"type\":\"nope\"}}]}"
                .getBytes(StandardCharsets.UTF_8), WriteBatch.class))
                .isInstanceOf(ConcordException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> Codec.decode("null".getBytes(StandardCharsets.UTF_8), WriteBatch.class))
                .isInstanceOf(ConcordException.class);
        assertThatThrownBy(() -> Codec.decode(null, WriteBatch.class)).isInstanceOf(ConcordException.class);
    }

    @Test
    void validationRejectsBadWritesWithTheirCode() {
        assertThatThrownBy(() -> new Write.StreamAppend("", "x").validate()).hasMessageContaining("stream must not be empty");
        assertThatThrownBy(() -> new Write.StreamAppend("a\u0001", "x").validate()).hasMessageContaining("control character");
        ConcordException big = org.junit.jupiter.api.Assertions.assertThrows(ConcordException.class,
                () -> new Write.StreamAppend("s", "x".repeat(Limits.MAX_VALUE_CHARS + 1)).validate());
        assertThat(big.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThatThrownBy(() -> new Write.Cas("k", "", "v").validate()).hasMessageContaining("null means absent");
        assertThatThrownBy(() -> Validation.clientId("has space")).hasMessageContaining("clientId");
    }
}
