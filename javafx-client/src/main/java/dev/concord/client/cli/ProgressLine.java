package dev.concord.client.cli;

import dev.concord.client.session.FileTransfer;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress report on stderr ("put /a.bin  37.0/256.0 MiB  14%  61.2 MiB/s"), redrawn
 * with '\r' at most five times a second; silent when stderr is not a terminal or output is JSON.
 */
final class ProgressLine implements FileTransfer.Progress, AutoCloseable {
    private final PrintStream err;
    private final String label;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;
    private long total;
    private int width;

    ProgressLine(PrintStream err, String label, boolean json) {
        this.err = err;
        this.label = label;
        this.enabled = !json && System.console() != null;
    }

    @Override
    public synchronized void update(long done, long total) {
        this.done = done;
        this.total = total;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 200_000_000L || done == total)) {
            lastDraw = now;
            draw();
        }
    }

    private void draw() {
        double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        String line = String.format(Locale.ROOT, "%s  %.1f/%.1f MiB  %d%%  %.1f MiB/s", label, done / 1048576.0,
                total / 1048576.0, total == 0 ? 100 : (int) (100 * done / total), done / 1048576.0 / secs);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (enabled && width > 0) {
            err.println();
        }
    }
}
