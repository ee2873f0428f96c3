package org.palermo.plugins.example;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Supplier;

/** Greets the calling account: all a plugin learns of it is its id. */
@Path("hello")
public class HelloResource {
  private final Supplier<String> version;

  public HelloResource(Supplier<String> version) {
    this.version = version;
  }

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String hello(@Context SecurityContext security) {
    return "Hello, account " + security.getUserPrincipal().getName() + ", from the example"
        + " plugin " + version.get() + ".";
  }
}
