package dev.concord.server.rpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of file chunks the leader has proposed and not yet answered. Until an entry is applied
 * jraft holds it in memory, and every chunk in the log's queue delays the writes behind it; a cap
 * keeps both bounded however many clients upload at once. An entry over the cap is refused with a
 * retryable error (the client backs off and sends it again), except when nothing is in flight.
 */
final class PayloadBudget {
    /** 64 MiB: eight uploads at a full window, 0.4 s of log at 160 MiB/s. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final AtomicLong inFlight = new AtomicLong();

    boolean tryAcquire(long bytes) {
        while (true) {
            long now = inFlight.get();
            if (now > 0 && now + bytes > MAX_BYTES) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        inFlight.addAndGet(-bytes);
    }

    long inFlight() {
        return inFlight.get();
    }
}
