package org.palermo.plugins.example;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.palermo.plugin.api.PluginContext;

/**
 * Greets the calling account, in the first of its {@code Accept-Language} languages among the
 * six UN languages, which the plugin's messages all have (English otherwise): all a plugin
 * learns of the caller is its id.
 */
@Path("hello")
public class HelloResource {
  private static final List<String> UN_LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");

  private final PluginContext context;

  HelloResource(PluginContext context) {
    this.context = context;
  }

  @GET
  @Produces("text/plain; charset=utf-8")
  public String hello(@Context SecurityContext security,
      @HeaderParam("Accept-Language") String languages) {
    Locale locale = locale(languages);
    ResourceBundle messages = context.messages(locale).orElseThrow();
    // Arguments as strings (nothing grouped); in Arabic, each in Unicode isolates so a Latin
    // id keeps its own direction inside the sentence.
    boolean rightToLeft = locale.getLanguage().equals("ar");
    Object[] args = Stream.of(security.getUserPrincipal().getName(), context.version())
        .map(a -> rightToLeft ? "\u2068" + a + "\u2069" : a).toArray();
    return new MessageFormat(messages.getString("example.greeting"), locale).format(args);
  }

  /**
   * The first of the six UN languages the header asks for (weights honoured, {@code q=0} and
   * {@code *} skipped); English when it is missing, malformed or names none of them.
   */
  static Locale locale(String header) {
    if (header != null && !header.isBlank() && header.length() <= 500) {
      try {
        for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
          String language = Locale.forLanguageTag(range.getRange()).getLanguage();
          if (range.getWeight() > 0 && UN_LANGUAGES.contains(language)) {
            return Locale.forLanguageTag(language);
          }
        }
      } catch (IllegalArgumentException e) {
        // a malformed header: English
      }
    }
    return Locale.ENGLISH;
  }
}
