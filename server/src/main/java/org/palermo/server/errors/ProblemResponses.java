package org.palermo.server.errors;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds the one response shape every error takes. */
public final class ProblemResponses {
  private ProblemResponses() {}

  public static Response of(Problem problem, Map<String, String> headers) {
    Response.ResponseBuilder builder =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    headers.forEach(builder::header);
    return builder.build();
  }

  public static Response of(Problem problem) {
    return of(problem, Map.of());
  }
}
