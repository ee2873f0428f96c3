package org.palermo.server.errors;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Base of the server's own error kinds. Each subclass is one kind with one {@link ProblemType};
 * {@link ProblemExceptionMapper} turns every one of them into problem+json. Services throw
 * these; resources never build error responses themselves.
 */
public abstract class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ProblemType type;

  protected ProblemException(ProblemType type, String detail) {
    super(detail, null, false, false);
    this.type = type;
  }

  protected ProblemException(ProblemType type, String detail, Throwable cause) {
    super(detail, cause, false, false);
    this.type = type;
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
    Problem problem = Problem.of(type, getMessage());
    return field() == null ? problem : problem.withField(field());
  }
}
