package org.palermo.server.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.palermo.server.errors.DatabaseUnavailableException;
import org.palermo.server.storage.Database;

/** Liveness with the database's state: 200 when it answers, 503 (problem+json) when not. */
@Path("api/v1/health")
@RequestScoped
public class HealthResource {
  private final Database database;

  @Inject
  public HealthResource(Database database) {
    this.database = database;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Health health() {
    if (!database.isReachable()) {
      throw new DatabaseUnavailableException();
    }
    return new Health("ok", "up");
  }

  /** The body of a healthy answer. */
  public record Health(String status, String database) {}
}
