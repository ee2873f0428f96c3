package org.palermo.server.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.palermo.server.errors.Problem;
import org.palermo.server.errors.ProblemType;
import org.palermo.server.json.StrictObjectMapper;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * Errors that Jetty answers before the application sees the request (headers too large, a
 * malformed request line, an exception that escaped) in the same problem+json shape and with
 * the same headers as every other response. Never a stack trace.
 */
public final class ProblemErrorHandler extends ErrorHandler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() < 400 ? 500 : response.getStatus();
    ProblemType type = ProblemType.forStatus(status);
    Language language = Language.negotiate(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
    Problem problem = Problem.of(type, detail(type)).in(language);
    byte[] body;
    try {
      body = StrictObjectMapper.shared().writeValueAsBytes(problem);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      body = ("{\"status\":" + status + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    SecurityHeaders.apply(response.getHeaders());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LANGUAGE, language.tag());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static Text detail(ProblemType type) {
    return switch (type) {
      case HEADERS_TOO_LARGE -> Text.of("errors.headers-too-large");
      case PAYLOAD_TOO_LARGE -> Text.of("errors.body-too-large");
      case INTERNAL_ERROR -> Text.of("errors.internal");
      default -> Text.of("errors.unreadable-request");
    };
  }
}
