package org.palermo.client;

import java.io.PrintWriter;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;

/** The {@code palermo} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Terminal terminal = new Terminal(new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), System.getenv(), System.console());
    System.exit(PalermoCli.run(terminal, args));
  }
}
