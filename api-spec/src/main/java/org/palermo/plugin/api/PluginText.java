package org.palermo.plugin.api;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.palermo.text.Bundles;
import org.palermo.text.Language;

/**
 * A plugin's user-facing text for one request, in the first of the request's
 * {@code Accept-Language} languages among the six UN languages (Arabic, Chinese, English,
 * French, Russian, Spanish; English otherwise), from the plugin's bundle (its {@code messages}
 * capability and descriptor entry). Patterns are {@link MessageFormat}: {@code {0}} is an
 * argument, {@code ''} a quote. Arguments are shown as {@link String#valueOf} gives them (years
 * and ids are not grouped) and, in Arabic, wrapped in Unicode isolates so an id or a Latin name
 * keeps its own direction. The same rules as the server's own text. Since 1.1.
 */
public final class PluginText {
  /** The six UN languages' tags; a plugin's bundle has a file for each, English the base. */
  public static final List<String> LANGUAGES =
      Stream.of(Language.values()).map(Language::tag).toList();

  private final ResourceBundle bundle;
  private final Locale locale;

  private PluginText(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /**
   * The text in the language an {@code Accept-Language} header value asks for (in a JAX-RS
   * resource: {@code headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)}).
   *
   * @throws IllegalStateException when the plugin lacks the {@code messages} capability
   */
  public static PluginText of(PluginContext context, String acceptLanguage) {
    return in(context, language(acceptLanguage));
  }

  /** The text of {@code bundle} in {@code locale}: for tests, and text outside a request. */
  public static PluginText of(ResourceBundle bundle, Locale locale) {
    return new PluginText(bundle, locale);
  }

  /** The text in English, the base file: for what is kept as written, for any reader. */
  public static PluginText english(PluginContext context) {
    return in(context, Locale.ENGLISH);
  }

  private static PluginText in(PluginContext context, Locale locale) {
    return new PluginText(context.messages(locale).orElseThrow(
        () -> new IllegalStateException("the messages capability is needed")), locale);
  }

  /**
   * The first of the six languages an {@code Accept-Language} header asks for (weights
   * honoured, {@code q=0} and {@code *} skipped); English when it is missing, malformed or
   * names none of them.
   */
  public static Locale language(String acceptLanguage) {
    return Language.negotiate(acceptLanguage).locale();
  }


  /** The request's language. */
  public Locale locale() {
    return locale;
  }

  /** {@code key} with {@code args}, in the request's language. */
  public String get(String key, Object... args) {
    Language language = Language.of(locale).orElse(Language.ENGLISH);
    Object[] shown = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      shown[i] = Bundles.isolate(String.valueOf(args[i]), language);
    }
    return new MessageFormat(bundle.getString(key), locale).format(shown);
  }


  /** Whether the bundle has {@code key} (a key stored with data may outlive a release). */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** A problem for the caller: the detail {@code key} with {@code args}, in its language. */
  public PluginProblem problem(int status, String key, Object... args) {
    return new PluginProblem(status, get(key, args));
  }
}
