package dev.concord.ot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concord.ot.Gen.DocOp;
import dev.concord.ot.Gen.DocTwo;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The algebraic contracts of {@link TextOperation} on random documents with surrogate pairs and
 * empty documents. jqwik reports the seed of a failing run and replays it on the next run.
 */
class TextOperationPropertiesTest {

    @Provide
    Arbitrary<DocOp> docOp() {
        return Gen.docOps();
    }

    @Provide
    Arbitrary<DocTwo> concurrent() {
        return Gen.concurrent();
    }

    @Provide
    Arbitrary<DocTwo> sequential() {
        return Gen.sequential();
    }

    @Property(tries = 10_000)
    void applyYieldsTargetLengthAndWellFormedText(@ForAll("docOp") DocOp c) {
        String out = c.a().apply(c.doc());
        assertThat(out).hasSize(c.a().targetLength());
        Utf16.requireWellFormed(out, "result");
    }

    @Property(tries = 10_000)
    void invertRoundTrips(@ForAll("docOp") DocOp c) {
        String after = c.a().apply(c.doc());
        TextOperation inverse = c.a().invert(c.doc());
        assertThat(inverse.apply(after)).isEqualTo(c.doc());
        assertThat(inverse.invert(after)).isEqualTo(c.a());
    }

    @Property(tries = 10_000)
    void composeEqualsSequentialApply(@ForAll("sequential") DocTwo c) {
        TextOperation ab = c.a().compose(c.b());
        assertThat(ab.apply(c.doc())).isEqualTo(c.b().apply(c.a().apply(c.doc())));
        assertThat(ab.baseLength()).isEqualTo(c.a().baseLength());
        assertThat(ab.targetLength()).isEqualTo(c.b().targetLength());
    }

    @Property(tries = 10_000)
    void transformConverges(@ForAll("concurrent") DocTwo c) {
        TextOperation.Pair p = TextOperation.transform(c.a(), c.b());
        String viaA = p.bPrime().apply(c.a().apply(c.doc()));
        String viaB = p.aPrime().apply(c.b().apply(c.doc()));
        assertThat(viaA).isEqualTo(viaB);
    }

    /**
     * Convergence when both sides are compositions, as a client's buffer is. Note that
     * transform does not distribute over compose at insert ties (an insert composed with a
     * later delete can move before a concurrent insert), so client and server must transform
     * the very same operations; the protocol guarantees that, see ClientServerConvergenceTest.
     */
    @Property(tries = 10_000)
    void transformConvergesOnComposedOperations(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        String doc = Gen.doc(r);
        TextOperation a1 = Gen.op(r, doc);
        TextOperation a = a1.compose(Gen.op(r, a1.apply(doc)));
        TextOperation b1 = Gen.op(r, doc);
        TextOperation b = b1.compose(Gen.op(r, b1.apply(doc)));

        TextOperation.Pair p = TextOperation.transform(a, b);
        assertThat(p.aPrime().apply(b.apply(doc))).isEqualTo(p.bPrime().apply(a.apply(doc)));
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 10_000)
    void wireAndJsonRoundTrip(@ForAll("docOp") DocOp c) {
        assertThat(TextOperation.fromWire(c.a().toWire())).isEqualTo(c.a());
        assertThat(TextOperation.fromJson(c.a().toJson())).isEqualTo(c.a());
        assertThat(TextOperation.fromJson(c.a().toJson()).hashCode()).isEqualTo(c.a().hashCode());
    }

    @Property(tries = 10_000)
    void indexTransformStaysInBoundsAndKeepsOrder(@ForAll("docOp") DocOp c, @ForAll boolean own) {
        TextOperation op = c.a();
        int previous = 0;
        for (int i = 0; i <= op.baseLength(); i++) {
            int t = Selection.transformIndex(i, op, own);
            assertThat(t).isBetween(previous, op.targetLength());
            previous = t;
        }
    }

    /** A caret next to retained text stays next to the same character. */
    @Property(tries = 10_000)
    void indexTransformFollowsRetainedText(@ForAll("docOp") DocOp c) {
        String before = c.doc();
        String after = c.a().apply(before);
        boolean[] retained = retainedUnits(c.a());
        for (int i = 0; i < before.length(); i++) {
            if (retained[i]) {
                assertThat(after.charAt(Selection.transformIndex(i, c.a(), true)))
                        .as("char at %d", i).isEqualTo(before.charAt(i));
            }
        }
    }

    @Property(tries = 10_000)
    void selectionTransformKeepsDirection(@ForAll("docOp") DocOp c, @ForAll boolean own,
            @ForAll("seeds") long seed) {
        Random r = new Random(seed);
        int n = c.a().baseLength();
        Selection s = new Selection(r.nextInt(n + 1), r.nextInt(n + 1));
        Selection t = s.transform(c.a(), own);
        assertThat(t.end()).isLessThanOrEqualTo(c.a().targetLength());
        assertThat(Integer.signum(t.head() - t.anchor())).isIn(0, Integer.signum(s.head() - s.anchor()));
    }

    private static boolean[] retainedUnits(TextOperation op) {
        boolean[] retained = new boolean[op.baseLength()];
        int pos = 0;
        for (Component c : op.components()) {
            if (!(c instanceof Component.Insert)) {
                for (int k = 0; k < c.length(); k++) {
                    retained[pos + k] = c instanceof Component.Retain;
                }
                pos += c.length();
            }
        }
        return retained;
    }
}
