package dev.concord.client.cli;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles by sorting once at the end (benchmarks, not hot paths). */
final class LatencyStats {
    private long[] samples = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized void addAll(LatencyStats other) {
        synchronized (other) {
            for (int i = 0; i < other.size; i++) {
                add(other.samples[i]);
            }
        }
    }

    synchronized int count() {
        return size;
    }

    /** The q-quantile in milliseconds (q in [0, 1]); 0 when empty. */
    synchronized double percentileMs(double q) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int i = (int) Math.min(size - 1, Math.max(0, Math.ceil(q * size) - 1));
        return sorted[i] / 1e6;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
