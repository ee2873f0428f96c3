package org.palermo.plugins.example;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;

/**
 * Greets the calling account, in the first of its {@code Accept-Language} languages among the
 * six UN languages, which the plugin's messages all have (English otherwise): all a plugin
 * learns of the caller is its id. {@link PluginText} picks the language and renders the
 * pattern (arguments as strings, isolated in Arabic).
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
    return PluginText.of(context, languages).get("example.greeting",
        security.getUserPrincipal().getName(), context.version());
  }
}
