package org.palermo.server.errors;

import org.palermo.text.Text;

import java.util.Map;

/**
 * A request body over the limit of its route. The rest of the body is not read, so the answer
 * closes the connection: a client must not send its next request on it.
 */
public final class PayloadTooLargeException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public PayloadTooLargeException(Text detail) {
    super(ProblemType.PAYLOAD_TOO_LARGE, detail);
  }


  @Override
  public Map<String, String> headers() {
    return Map.of("Connection", "close");
  }
}
