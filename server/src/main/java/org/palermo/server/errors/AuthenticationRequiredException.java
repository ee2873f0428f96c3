package org.palermo.server.errors;

import org.palermo.text.Text;

import java.util.Map;

/** No valid session: the client logs in again. */
public final class AuthenticationRequiredException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public AuthenticationRequiredException(Text detail) {
    super(ProblemType.AUTHENTICATION_REQUIRED, detail);
  }


  @Override
  public Map<String, String> headers() {
    return Map.of("WWW-Authenticate", "Bearer realm=\"palermo\"");
  }
}
