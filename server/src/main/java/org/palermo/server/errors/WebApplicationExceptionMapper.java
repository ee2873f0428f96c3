package org.palermo.server.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * What JAX-RS itself rejects (no such route, wrong method, unacceptable or unsupported media
 * type, an unreadable parameter) becomes problem+json with a message a person can act on.
 */
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    int status = original.getStatus();
    ProblemType type = ProblemType.forStatus(status);
    Map<String, String> headers = new HashMap<>();
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      headers.put(HttpHeaders.ALLOW, allow);
    }
    return ProblemResponses.of(Problem.of(type, detail(type, allow)), headers);
  }

  private static String detail(ProblemType type, String allow) {
    return switch (type) {
      case NOT_FOUND -> "There is nothing at this path. The routes are listed in"
          + " /api/v1/openapi.yaml.";
      case METHOD_NOT_ALLOWED -> "This path does not take that method"
          + (allow == null ? "." : "; it takes " + allow + ".");
      case NOT_ACCEPTABLE -> "This route cannot answer in the media type the Accept header"
          + " asks for; ask for application/json.";
      case UNSUPPORTED_MEDIA_TYPE -> "This route does not take a body of that Content-Type;"
          + " send application/json.";
      case INTERNAL_ERROR -> "The server failed to handle this request.";
      default -> "The request could not be handled as sent; check it against"
          + " /api/v1/openapi.yaml.";
    };
  }
}
