package org.palermo.server.sessions;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.HexFormat;
import org.palermo.server.errors.AuthenticationRequiredException;
import org.palermo.text.Text;

/** The authenticated account behind a request, and the session it used. */
public record Caller(byte[] accountId, byte[] sessionId) implements Principal {
  /** How a client sends its session token, as the answers quote it (never translated). */
  static final String BEARER_HEADER = "Authorization: Bearer <token>";

  /** The account id in hex: what rate limits count by. */
  @Override
  public String getName() {
    return HexFormat.of().formatHex(accountId);
  }

  /** The caller of a route that needs one; a 401 otherwise. */
  public static Caller require(SecurityContext context) {
    if (context != null && context.getUserPrincipal() instanceof Caller caller) {
      return caller;
    }
    throw new AuthenticationRequiredException(Text.of("sessions.required", BEARER_HEADER));
  }
}
