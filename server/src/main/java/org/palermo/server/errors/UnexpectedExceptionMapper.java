package org.palermo.server.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.security.SecureRandom;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.util.HexFormat;
import org.palermo.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line: anything no other mapper claims. A lost database answers 503; everything else
 * is a 500 whose body carries only an id under which the cause is logged.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger log = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
  private static final SecureRandom random = new SecureRandom();

  @Override
  public Response toResponse(Throwable exception) {
    var wrapped = ProblemException.findIn(exception);
    if (wrapped.isPresent()) {
      return wrapped.get().toResponse();
    }
    if (isDatabaseUnavailable(exception)) {
      log.warn("Request failed: the database is unreachable");
      return new DatabaseUnavailableException().toResponse();
    }
    byte[] id = new byte[8];
    random.nextBytes(id);
    String errorId = HexFormat.of().formatHex(id);
    log.error("Unexpected error {}", errorId, exception);
    return ProblemResponses.of(Problem.of(ProblemType.INTERNAL_ERROR,
        Text.of("errors.internal-with-id")).withErrorId(errorId));
  }

  /** Whether the failure is a lost or refused database connection rather than a bug. */
  public static boolean isDatabaseUnavailable(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
    }
    return false;
  }
}
