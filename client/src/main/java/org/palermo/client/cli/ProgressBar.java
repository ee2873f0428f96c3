package org.palermo.client.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.palermo.client.document.DocumentClient;

/**
 * A one-line progress bar on the terminal's error stream, for transfers over 1 MB when a
 * terminal is attached; redrawn at most ten times a second.
 */
final class ProgressBar implements DocumentClient.Progress {
  static final long THRESHOLD = 1_000_000;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long started = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  private ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  /** A bar when a terminal is attached, otherwise nothing. */
  static DocumentClient.Progress on(Terminal terminal, String label) {
    return terminal.console() == null ? DocumentClient.Progress.NONE
        : new ProgressBar(terminal.err(), label);
  }

  @Override
  public void update(long done, long total) {
    if (total < THRESHOLD) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) (WIDTH * Math.min(1.0, done / (double) total));
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    err.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %.1f MB/s", label,
        "#".repeat(filled), " ".repeat(WIDTH - filled), (int) (100 * done / total),
        done / 1e6 / seconds));
    if (done >= total) {
      err.println();
    }
    err.flush();
    drawn = true;
  }

  boolean drawn() {
    return drawn;
  }
}
