package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The JSON wire form: exact encoding, Jackson integration, and strict rejection of bad input. */
class WireFormatTest {

    @Test
    void encodesLikeOtJs() {
        TextOperation op = TextOperation.builder().retain(2).insert("hé😀").delete(3).retain(1).build();
        assertThat(op.toWire()).containsExactly(2, "hé😀", -3, 1);
        assertThat(op.toJson()).isEqualTo("[2,\"hé😀\",-3,1]");
        assertThat(TextOperation.builder().build().toJson()).isEqualTo("[]");
    }

    @Test
    void decodesLongsAndShortsWithinRange() {
        assertThat(TextOperation.fromWire(List.of(3L, "x", (short) -2)))
                .isEqualTo(TextOperation.builder().retain(3).insert("x").delete(2).build());
    }

    /** A record with a TextOperation field, as protocol messages will have. */
    record Submit(int revision, TextOperation op) {
    }

    @Test
    void jacksonWritesAndReadsTheArrayForm() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Submit submit = new Submit(7, TextOperation.builder().retain(1).insert("𝄞").delete(1).build());
        String json = mapper.writeValueAsString(submit);
        assertThat(json).isEqualTo("{\"revision\":7,\"op\":[1,\"𝄞\",-1]}");
        assertThat(mapper.readValue(json, Submit.class)).isEqualTo(submit);
    }

    @Test
    void jacksonRejectsInvalidOperationsWithTheReason() {
        ObjectMapper mapper = new ObjectMapper();
        assertThatThrownBy(() -> mapper.readValue("{\"revision\":1,\"op\":[1,0]}", Submit.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("index 1: zero");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[0]                 | index 0: zero is neither a retain nor a delete",
        "[1.5]               | index 0: number 1.5 is not an integer",
        "[2.0]               | index 0: number 2.0 is not an integer",
        "[1e3]               | index 0: number 1000.0 is not an integer",
        "`[\"\"]`            | index 0: empty insert string",
        "[true]              | index 0: expected an integer or a string, got Boolean",
        "[null]              | index 0: expected an integer or a string, got null",
        "`[{\"a\":1}]`       | index 0: expected an integer or a string, got LinkedHashMap",
        "[[1]]               | index 0: expected an integer or a string, got ArrayList",
        "[3000000000]        | index 0: integer 3000000000 is out of range",
        "[-2147483648]       | index 0: integer -2147483648 is out of range",
        "[99999999999999999999] | index 0: integer 99999999999999999999 is out of range",
        "[1,2]               | index 1: two adjacent retain elements",
        "[-1,-2]             | index 1: two adjacent delete elements",
        "`[\"a\",\"b\"]`     | index 1: two adjacent insert elements",
        "`[-1,\"a\"]`        | index 1: insert directly after a delete",
        "`[\"\\ud83d\"]`     | index 0: insert text contains a lone surrogate U+D83D at index 0",
        "`[1,\"x\\ude00\"]`  | index 1: insert text contains a lone surrogate U+DE00 at index 1",
        "[2147483647,-1]     | index 1: operation length exceeds",
        "{}                  | not a JSON array",
        "`\"abc\"`           | not a JSON array",
        "null                | not a JSON array",
        "[1] [2]             | not a JSON array",
        "[1,                 | not a JSON array",
    })
    void rejectsInvalidJsonNamingTheProblem(String json, String message) {
        assertThatThrownBy(() -> TextOperation.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsInsertsOverTheSizeLimit() {
        String half = "x".repeat(TextOperation.MAX_INSERT_CHARS / 2);
        assertThat(TextOperation.fromWire(List.of(half, 1, half)).targetLength())
                .isEqualTo(TextOperation.MAX_INSERT_CHARS + 1);
        assertThatThrownBy(() -> TextOperation.fromWire(List.of(half, 1, half + "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 2: operation inserts more than MAX_INSERT_CHARS");
    }

    @Test
    void rejectsNullAndForeignObjects() {
        assertThatThrownBy(() -> TextOperation.fromWire(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> TextOperation.fromWire(Arrays.asList(1, 'c')))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got Character");
    }

    /**
     * Strictness as a property: any list of plausible elements either decodes to an operation
     * whose encoding is exactly that list (nothing silently normalised away) or is rejected with
     * an IllegalArgumentException.
     */
    @Property(tries = 10_000)
    void decodingIsExactOrRejects(@ForAll long seed) {
        Random r = new Random(seed);
        List<Object> wire = new ArrayList<>();
        for (int n = r.nextInt(5); n > 0; n--) {
            wire.add(switch (r.nextInt(7)) {
                case 0 -> 0;
                case 1, 2 -> r.nextInt(7) - 3;
                case 3 -> "";
                case 4 -> "\uD83D";
                case 5 -> 1.0;
                default -> Gen.text(r, 1 + r.nextInt(2));
            });
        }
        TextOperation op;
        try {
            op = TextOperation.fromWire(wire);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected).hasMessageStartingWith("invalid operation element at index");
            return;
        }
        assertThat(op.toWire()).isEqualTo(wire);
    }
}
