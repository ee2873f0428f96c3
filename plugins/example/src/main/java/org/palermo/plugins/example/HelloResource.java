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
import org.palermo.plugin.api.PluginContext;

/**
 * Greets the calling account, in the first language of its {@code Accept-Language} that the
 * plugin's messages have (English otherwise): all a plugin learns of the caller is its id.
 */
@Path("hello")
public class HelloResource {
  private final PluginContext context;

  HelloResource(PluginContext context) {
    this.context = context;
  }

  @GET
  @Produces("text/plain; charset=utf-8")
  public String hello(@Context SecurityContext security,
      @HeaderParam("Accept-Language") String languages) {
    ResourceBundle messages = context.messages(locale(languages)).orElseThrow();
    return MessageFormat.format(messages.getString("greeting"),
        security.getUserPrincipal().getName(), context.version());
  }

  private static Locale locale(String header) {
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(
          header == null || header.isBlank() ? "en" : header);
      return Locale.forLanguageTag(ranges.get(0).getRange());
    } catch (IllegalArgumentException e) {
      return Locale.ENGLISH;
    }
  }
}
