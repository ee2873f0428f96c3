package org.palermo.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every {@link ProblemException} kind becomes problem+json with its own headers. */
public final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
  @Override
  public Response toResponse(ProblemException exception) {
    return exception.toResponse();
  }
}
