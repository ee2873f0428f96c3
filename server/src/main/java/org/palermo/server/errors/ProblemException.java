package org.palermo.server.errors;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.palermo.server.i18n.ServerText;
import org.palermo.text.Text;

/**
 * Base of the server's own error kinds. Each subclass is one kind with one {@link ProblemType};
 * {@link ProblemExceptionMapper} turns every one of them into problem+json. Services throw
 * these; resources never build error responses themselves.
 */
public abstract class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProblemType type;
  private final transient Text detail;

  protected ProblemException(ProblemType type, Text detail) {
    this(type, detail, null);
  }

  protected ProblemException(ProblemType type, Text detail, Throwable cause) {
    super(null, cause, false, false);
    this.type = type;
    this.detail = detail;
  }

  /** The detail in English, for tests and the server's own log. */
  @Override
  public String getMessage() {
    return ServerText.english(detail);
  }

  /** The detail before translation. */
  public Text detail() {
    return detail;
  }

  public ProblemType type() {
    return type;
  }

  /** The request field at fault, if any. */
  public String field() {
    return null;
  }

  /** Response headers this kind adds, such as {@code Retry-After}. */
  public Map<String, String> headers() {
    return Map.of();
  }

  /**
   * The problem kind inside {@code failure}'s causes, if any: a body limit hit while a parser
   * was reading comes back wrapped in the parser's own exception.
   */
  public static java.util.Optional<ProblemException> findIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProblemException problem) {
        return java.util.Optional.of(problem);
      }
    }
    return java.util.Optional.empty();
  }

  public Response toResponse() {
    return ProblemResponses.of(toProblem(), headers());
  }

  public Problem toProblem() {
    Problem problem = Problem.of(type, detail);
    return field() == null ? problem : problem.withField(field());
  }
}
