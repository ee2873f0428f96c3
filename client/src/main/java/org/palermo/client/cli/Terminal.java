package org.palermo.client.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.i18n.BidiLines;
import org.palermo.client.i18n.ClientText;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * Where a command reads and writes: its output streams, the environment, the console for
 * passphrase prompts, and the language it speaks. Tests give their own.
 */
public record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, Console console,
    Language language) {

  /** A terminal that speaks English until {@link PalermoCli#run} picks the language. */
  public Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, Console console) {
    this(out, err, env, console, Language.ENGLISH);
  }

  /**
   * The same terminal speaking {@code chosen}; with {@code bidi}, lines holding right-to-left
   * text are marked as such ({@link BidiLines}).
   */
  Terminal speaking(Language chosen, boolean bidi) {
    if (!bidi) {
      return new Terminal(out, err, env, console, chosen);
    }
    return new Terminal(new PrintWriter(new BidiLines(out), true),
        new PrintWriter(new BidiLines(err), true), env, console, chosen);
  }

  /** {@code text} in the terminal's language. */
  public String text(Text text) {
    return ClientText.render(text, language);
  }

  /** Prints {@code text} in the terminal's language as one line of output. */
  public void say(Text text) {
    out.println(text(text));
  }

  /** The passphrase from {@code PALERMO_PASSPHRASE}, or asked on the terminal. */
  public char[] passphrase(boolean confirm) {
    String fromEnv = env.get("PALERMO_PASSPHRASE");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.toCharArray();
    }
    if (console == null) {
      throw ClientException.usage(Text.of("cli.no-terminal-for-passphrase"));
    }
    char[] first = console.readPassword("%s", text(Text.of("cli.passphrase-prompt")));
    if (first == null || first.length == 0) {
      throw ClientException.usage(Text.of("cli.no-passphrase"));
    }
    if (confirm) {
      char[] second = console.readPassword("%s", text(Text.of("cli.passphrase-again-prompt")));
      if (second == null || !java.util.Arrays.equals(first, second)) {
        throw ClientException.usage(Text.of("cli.passphrases-differ"));
      }
    }
    return first;
  }

  /**
   * Asks a yes/no question on the terminal; false without one (callers then ask for an option
   * such as {@code --yes} instead). The answer is "yes" or the language's own word for it.
   */
  public boolean confirm(Text question) {
    if (console == null) {
      return false;
    }
    String yes = text(Text.of("cli.yes"));
    String answer = console.readLine("%s [%s] ", text(question), text(Text.of("cli.yes-no")));
    return answer != null && (answer.strip().equalsIgnoreCase("yes")
        || answer.strip().equalsIgnoreCase(yes));
  }

}
