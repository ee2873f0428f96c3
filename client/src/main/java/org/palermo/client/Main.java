package org.palermo.client;

import java.io.PrintWriter;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;

/** The {@code palermo} command. */
public final class Main {
  /**
   * Held so the setting stays: a damaged PDF makes PDFBox log warnings (through
   * java.util.logging), which would break the one-line-on-stderr rule; the stripper reports
   * what matters itself.
   */
  private static final java.util.logging.Logger PDFBOX =
      java.util.logging.Logger.getLogger("org.apache.pdfbox");

  private Main() {}

  public static void main(String[] args) {
    PDFBOX.setLevel(java.util.logging.Level.OFF);
    Terminal terminal = new Terminal(new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), System.getenv(), System.console());
    System.exit(PalermoCli.run(terminal, args));
  }
}
