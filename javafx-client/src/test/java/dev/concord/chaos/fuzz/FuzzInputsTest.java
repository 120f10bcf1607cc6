package dev.concord.chaos.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.protocol.Frames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fuzz inputs are a pure function of the seed and cover every category. */
class FuzzInputsTest {
    private static List<String> fingerprints(long seed, int n) {
        FuzzInputs inputs = new FuzzInputs(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FuzzInput in = inputs.next();
            byte[] body = in.request() instanceof Frames.WriteFrame w ? w.body
                    : in.request() instanceof Frames.ReadFrame r ? r.body : null;
            out.add(in.category() + ":" + in.request().getClass().getSimpleName() + ":"
                    + (body == null ? "-" : java.util.Arrays.hashCode(body)));
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameInputs() {
        assertThat(fingerprints(11, 2_000)).isEqualTo(fingerprints(11, 2_000));
        assertThat(fingerprints(11, 200)).isNotEqualTo(fingerprints(12, 200));
    }

    @Test
    void everyCategoryIsGeneratedAndNoInputWaits() {
        FuzzInputs inputs = new FuzzInputs(3);
        Set<String> categories = new HashSet<>();
        int longPolls = 0;
        for (int i = 0; i < 5_000; i++) {
            FuzzInput in = inputs.next();
            categories.add(in.category());
            longPolls += in.longPoll() ? 1 : 0;
            assertThat(in.index()).isEqualTo(i);
        }
        assertThat(categories).containsExactlyInAnyOrder("garbage", "truncated", "mutated", "fields", "values",
                "protocol", "stray", "huge");
        assertThat(longPolls).isLessThan(50); // only mistyped waits are marked, to be safe
    }
}
