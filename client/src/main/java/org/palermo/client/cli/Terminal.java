package org.palermo.client.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import org.palermo.client.ClientException;

/**
 * Where a command reads and writes: its output streams, the environment, and the console for
 * passphrase prompts. Tests give their own.
 */
public record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, Console console) {

  /** The passphrase from {@code PALERMO_PASSPHRASE}, or asked on the terminal. */
  public char[] passphrase(boolean confirm) {
    String fromEnv = env.get("PALERMO_PASSPHRASE");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    if (console == null) {
      throw ClientException.usage("No terminal to ask for the passphrase: set"
          + " PALERMO_PASSPHRASE");
    }
    char[] first = console.readPassword("Passphrase: ");
    if (first == null || first.length == 0) {
      throw ClientException.usage("No passphrase given");
    }
    if (confirm) {
      char[] second = console.readPassword("Passphrase again: ");
      if (second == null || !java.util.Arrays.equals(first, second)) {
        throw ClientException.usage("The two passphrases differ");
      }
    }
    return first;
  }

  /**
   * Asks a yes/no question on the terminal; false without one (callers then ask for an option
   * such as {@code --yes} instead).
   */
  public boolean confirm(String question) {
    if (console == null) {
      return false;
    }
    String answer = console.readLine("%s [yes/no] ", question);
    return answer != null && answer.strip().equalsIgnoreCase("yes");
  }
}
