package org.palermo.server.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.HashMap;
import java.util.Map;
import org.palermo.text.Text;

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

  private static Text detail(ProblemType type, String allow) {
    return switch (type) {
      case NOT_FOUND -> Text.of("errors.no-route");
      case METHOD_NOT_ALLOWED -> allow == null ? Text.of("errors.method-not-allowed")
          : Text.of("errors.method-not-allowed-takes", allow);
      case NOT_ACCEPTABLE -> Text.of("errors.not-acceptable");
      case UNSUPPORTED_MEDIA_TYPE -> Text.of("errors.unsupported-media-type");
      case INTERNAL_ERROR -> Text.of("errors.internal");
      default -> Text.of("errors.not-handled");
    };
  }
}
