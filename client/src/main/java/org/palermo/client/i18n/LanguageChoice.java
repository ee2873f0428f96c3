package org.palermo.client.i18n;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.palermo.text.Language;

/**
 * The language the command line speaks: {@code --lang} if given, else {@code PALERMO_LANG}, else
 * the POSIX locale ({@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}), else English. Read
 * before the command line is parsed, so that help and parse errors are in it too.
 */
public final class LanguageChoice {
  private LanguageChoice() {}

  /** The language, or empty when {@code --lang} names none of the six (a usage error). */
  public static Optional<Language> of(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        break;
      }
      if (args[i].equals("--lang") && i + 1 < args.length) {
        return Language.of(args[i + 1]);
      }
      if (args[i].startsWith("--lang=")) {
        return Language.of(args[i].substring("--lang=".length()));
      }
    }
    for (String variable : List.of("PALERMO_LANG", "LC_ALL", "LC_MESSAGES", "LANG")) {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        // A POSIX locale: language[_territory][.codeset][@modifier]; C and POSIX are English.
        String tag = value.split("[.@]", 2)[0].replace('_', '-');
        return Optional.of(Language.of(tag).orElse(Language.ENGLISH));
      }
    }
    return Optional.of(Language.ENGLISH);
  }
}
