package org.palermo.plugins.translation;

import jakarta.ws.rs.core.HttpHeaders;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginProblem;

/**
 * The plugin's text in the caller's language: the first of the six UN languages its
 * {@code Accept-Language} names, else English. Arguments are shown as given (ids, dates).
 */
final class Texts {
  static final List<String> LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");

  private final PluginContext context;
  private final Locale locale;

  private Texts(PluginContext context, Locale locale) {
    this.context = context;
    this.locale = locale;
  }

  static Texts of(PluginContext context, HttpHeaders headers) {
    Locale chosen = Locale.ENGLISH;
    List<Locale> wanted = headers == null ? List.of() : headers.getAcceptableLanguages();
    for (Locale locale : wanted) {
      if (LANGUAGES.contains(locale.getLanguage())) {
        chosen = Locale.forLanguageTag(locale.getLanguage());
        break;
      }
    }
    return new Texts(context, chosen);
  }

  /** The text of {@code key} with its arguments. */
  String text(String key, Object... args) {
    ResourceBundle bundle = context.messages(locale).orElseThrow(
        () -> new IllegalStateException("the messages capability is needed"));
    Object[] shown = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      String value = String.valueOf(args[i]);
      // In Arabic an argument (an id, a date) keeps its own direction: Unicode isolates.
      shown[i] = locale.getLanguage().equals("ar") ? "\u2068" + value + "\u2069" : value;
    }
    return new MessageFormat(bundle.getString(key), locale).format(shown);
  }

  /** A problem answer with the text of {@code key}. */
  PluginProblem problem(int status, String key, Object... args) {
    return new PluginProblem(status, text(key, args));
  }
}
