package dev.concord.client.net;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: 25 ms doubling to 400 ms, each delay drawn from [d/2, d]. */
final class Backoff {
    private Backoff() {
    }

    static long delayMs(int failures) {
        long d = Math.min(400, 25L << Math.min(failures, 5));
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
