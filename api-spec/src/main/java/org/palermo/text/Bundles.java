package org.palermo.text;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A module's message bundles: {@code <folder>/<area>.properties} in English and
 * {@code <area>_<tag>.properties} for the other five languages, UTF-8, patterns in
 * {@link MessageFormat} syntax ({@code {0}}; a single quote is written {@code ''}).
 *
 * <p>In right-to-left text each argument is wrapped in Unicode isolates (FSI ... PDI), so an
 * identifier, a path or a Latin name inside an Arabic sentence keeps its own direction and
 * does not reorder the words around it.
 */
public final class Bundles {
  /** First strong isolate and pop directional isolate (Unicode 6.3, UAX #9). */
  public static final char FSI = '\u2068';
  public static final char PDI = '\u2069';

  /** LRM, RLM, ALM, the embeddings and overrides, and the isolates. */
  private static final java.util.regex.Pattern DIRECTIONAL_CONTROLS =
      java.util.regex.Pattern.compile("[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]");

  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String folder;
  private final ClassLoader loader;
  private final ConcurrentMap<String, ResourceBundle> cache = new ConcurrentHashMap<>();

  /**
   * @param folder the bundles' package as a dotted name, such as {@code org.palermo.server.i18n}
   * @param loader the class loader that sees them
   */
  public Bundles(String folder, ClassLoader loader) {
    this.folder = folder;
    this.loader = loader;
  }

  /** {@code text} in {@code language}, English where that language lacks the key. */
  public String render(Text text, Language language) {
    String pattern = pattern(text.key(), language);
    Object[] args = text.args().stream()
        .map(a -> isolate(a instanceof Text nested ? render(nested, language)
            : String.valueOf(a), language))
        .toArray();
    return new MessageFormat(pattern, language.locale()).format(args);
  }

  /** The raw pattern of {@code key} in {@code language}, English where it lacks the key. */
  public String pattern(String key, Language language) {
    Text probe = Text.of(key);
    ResourceBundle bundle = bundle(probe.area(), language);
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("No text " + key + " in " + folder + "." + probe.area(), e);
    }
  }

  private ResourceBundle bundle(String area, Language language) {
    return cache.computeIfAbsent(area + "_" + language.tag(), k -> ResourceBundle.getBundle(
        folder + "." + area, language.locale(), loader, NO_DEFAULT_LOCALE));
  }

  /**
   * An argument as shown (also by the plugin API's {@code PluginText}): without directional controls of its own (an embedding, override or
   * isolate it carries could close ours or reverse the sentence: a handle or a file name is not
   * trusted to), and isolated in right-to-left text.
   */
  public static String isolate(String value, Language language) {
    String plain = DIRECTIONAL_CONTROLS.matcher(value).replaceAll("");
    return language.rightToLeft() ? FSI + plain + PDI : plain;
  }
}
