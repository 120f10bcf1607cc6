package dev.concord.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One thread per client, each doing one operation at a time from a workload picked at random,
 * paced so all clients together issue about {@code rate} operations per second. Pacing keeps
 * histories small enough to check and load modest on a small machine; a client that falls behind
 * (a slow failover) does not burst afterwards.
 */
final class ClientLoop {
    private final List<ChaosClient> clients;
    private final List<Workload> workloads;
    private final long intervalNanos;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long stoppedAt;
    private final List<String> hung = new ArrayList<>();

    ClientLoop(List<ChaosClient> clients, List<Workload> workloads, int rate) {
        this.clients = clients;
        this.workloads = workloads;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) * clients.size() / rate;
    }

    void start() {
        for (ChaosClient c : clients) {
            Thread t = new Thread(() -> loop(c), "chaos-client-" + c.id());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop(ChaosClient c) {
        long next = System.nanoTime() + (long) (c.random().nextDouble() * intervalNanos);
        try {
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (!running) {
                    return;
                }
                workloads.get(c.random().nextInt(workloads.size())).step(c);
                next = Math.max(next + intervalNanos, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops issuing operations and waits for those in flight; a client still busy after {@code waitMs} is hung. */
    void stop(long waitMs) throws InterruptedException {
        stoppedAt = System.nanoTime();
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                StackTraceElement[] stack = t.getStackTrace();
                synchronized (hung) {
                    hung.add(t.getName() + " still busy " + waitMs / 1000 + " s after the stop, in "
                            + (stack.length > 0 ? stack[0] : "?"));
                }
                t.interrupt();
            }
        }
    }

    long stoppedAt() {
        return stoppedAt;
    }

    /** A failed check when a client never returned from an operation; empty otherwise. */
    List<CheckReport> problems() {
        synchronized (hung) {
            return hung.isEmpty() ? List.of() : List.of(new CheckReport("clients finish their operations",
                    CheckReport.Status.FAIL, hung.size() + " client(s) hung in an operation", hung));
        }
    }
}
