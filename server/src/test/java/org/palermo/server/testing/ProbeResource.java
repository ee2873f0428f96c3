package org.palermo.server.testing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.palermo.server.errors.AccessDeniedException;
import org.palermo.server.errors.AuthenticationRequiredException;
import org.palermo.server.errors.ConflictException;
import org.palermo.server.errors.PreconditionFailedException;
import org.palermo.text.Text;

/**
 * A route the product does not have, mounted only in tests: a strict JSON body, each error
 * kind on demand, a failure the server did not expect, and a slow answer for drain tests.
 */
@Path("api/v1/test-probe")
public class ProbeResource {
  /** The body of {@code POST /echo}: two fields, nothing else. */
  public record Greeting(String name, int count) {}

  @POST
  @Path("echo")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Greeting echo(Greeting greeting) {
    return greeting;
  }

  @GET
  @Path("fail/{kind}")
  @Produces(MediaType.APPLICATION_JSON)
  public String fail(@PathParam("kind") String kind) {
    switch (kind) {
      case "401" -> throw new AuthenticationRequiredException(Text.of("sessions.expired"));
      case "403" -> throw new AccessDeniedException(Text.of("workspaces.owners-name"));
      case "409" -> throw new ConflictException(Text.of("documents.parent-not-current", 3, 4));
      case "412" -> throw new PreconditionFailedException(Text.of("documents.parent-not-current", 3, 4));
      default -> throw new IllegalStateException(
          "secret-canary at org.palermo.Internal.method(Internal.java:42)");
    }
  }

  @GET
  @Path("slow")
  @Produces(MediaType.APPLICATION_JSON)
  public String slow() throws InterruptedException {
    Thread.sleep(1500);
    return "{\"done\":true}";
  }
}
