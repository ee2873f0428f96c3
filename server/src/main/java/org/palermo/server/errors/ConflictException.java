package org.palermo.server.errors;

/** The request conflicts with the current state, such as a stale parent version. */
public final class ConflictException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String detail) {
    super(ProblemType.CONFLICT, detail);
  }
}
