package dev.concord.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadBudgetTest {
    private static final long MIB = 1 << 20;

    @Test
    void refusesChunksPastTheCapUntilSomeAreAnsweredButAlwaysLetsOneThrough() {
        PayloadBudget b = new PayloadBudget();
        assertThat(b.tryAcquire(PayloadBudget.MAX_BYTES + MIB)).as("alone, even an oversized entry goes").isTrue();
        assertThat(b.tryAcquire(1)).isFalse();
        b.release(PayloadBudget.MAX_BYTES + MIB);
        for (long i = 0; i < PayloadBudget.MAX_BYTES / MIB; i++) {
            assertThat(b.tryAcquire(MIB)).isTrue();
        }
        assertThat(b.tryAcquire(MIB)).isFalse();
        b.release(MIB);
        assertThat(b.tryAcquire(MIB)).isTrue();
        assertThat(b.inFlight()).isEqualTo(PayloadBudget.MAX_BYTES);
    }
}
