package org.palermo.client.cli;

import java.util.Locale;
import org.palermo.client.document.DocumentClient;
import org.palermo.text.Text;

/**
 * A one-line progress bar on the terminal's error stream, for transfers over 1 MB when a
 * terminal is attached; redrawn at most ten times a second. The label is the command's name
 * ({@code put}, {@code get}); the line is in the terminal's language.
 */
final class ProgressBar implements DocumentClient.Progress {
  static final long THRESHOLD = 1_000_000;
  private static final int WIDTH = 30;

  private final Terminal terminal;
  private final String label;
  private final long started = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  private ProgressBar(Terminal terminal, String label) {
    this.terminal = terminal;
    this.label = label;
  }

  /** A bar when a terminal is attached, otherwise nothing. */
  static DocumentClient.Progress on(Terminal terminal, String label) {
    return terminal.console() == null ? DocumentClient.Progress.NONE
        : new ProgressBar(terminal, label);
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
    var err = terminal.err();
    // The carriage return goes out alone, so a right-to-left line's mark starts the new line.
    err.print('\r');
    err.flush();
    err.print(terminal.text(Text.of("cmd-progress.line", label,
        "#".repeat(filled) + " ".repeat(WIDTH - filled),
        String.format(Locale.ROOT, "%3d", (int) (100 * done / total)),
        String.format(Locale.ROOT, "%.1f", done / 1e6 / seconds))));
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
