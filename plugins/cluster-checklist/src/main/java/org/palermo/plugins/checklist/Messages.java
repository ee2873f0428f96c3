package org.palermo.plugins.checklist;

import jakarta.ws.rs.core.HttpHeaders;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginProblem;

/**
 * The plugin's user-facing text for one request, in the first of its {@code Accept-Language}
 * languages among the six UN languages (English otherwise), from the plugin's bundle
 * ({@code i18n/checklist*.properties}, the {@code messages} capability). Patterns are
 * {@link MessageFormat}: {@code {0}} is an argument, {@code ''} a quote; arguments are shown as
 * {@link String#valueOf} (years and ids are not grouped) and, in Arabic, wrapped in Unicode
 * isolates so an id or a Latin name keeps its own direction. Keys are written literally where
 * they are used, so the bundle test sees them.
 */
final class Messages {
  /** The six UN languages' tags: the bundle has a file for each (English is the base file). */
  static final List<String> LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");

  private static final char FSI = '\u2068';
  private static final char PDI = '\u2069';

  private final ResourceBundle bundle;
  private final Locale locale;

  Messages(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /** The text for a request, in the language its headers ask for. */
  static Messages of(PluginContext context, HttpHeaders headers) {
    Locale locale = locale(headers == null ? null
        : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    return new Messages(context.messages(locale).orElseThrow(
        () -> new IllegalStateException("the messages capability is needed")), locale);
  }

  /**
   * The first of the six languages an {@code Accept-Language} header asks for (weights
   * honoured, {@code q=0} and {@code *} skipped); English when it is missing, malformed or
   * names none of them.
   */
  static Locale locale(String acceptLanguage) {
    if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() <= 500) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
          if (range.getWeight() <= 0 || range.getRange().equals("*")) {
            continue;
          }
          String language = Locale.forLanguageTag(range.getRange()).getLanguage();
          if (LANGUAGES.contains(language)) {
            return Locale.forLanguageTag(language);
          }
        }
      } catch (IllegalArgumentException e) {
        // a malformed header: English
      }
    }
    return Locale.ENGLISH;
  }

  /** The request's language. */
  Locale locale() {
    return locale;
  }

  /** {@code key} with {@code args}, in the request's language. */
  String get(String key, Object... args) {
    boolean rightToLeft = locale.getLanguage().equals("ar");
    Object[] shown = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      String value = String.valueOf(args[i]);
      shown[i] = rightToLeft ? FSI + value + PDI : value;
    }
    return new MessageFormat(bundle.getString(key), locale).format(shown);
  }

  /** A line that still needs a language: a key and its arguments. */
  record Line(String key, Object... args) {}

  /** {@code line} in the request's language. */
  String get(Line line) {
    return get(line.key(), line.args());
  }

  /** A problem for the caller, its detail {@code key} with {@code args} in its language. */
  PluginProblem problem(int status, String key, Object... args) {
    return new PluginProblem(status, get(key, args));
  }
}
