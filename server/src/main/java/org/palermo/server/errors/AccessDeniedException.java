package org.palermo.server.errors;

/** The caller is known but may not do this. */
public final class AccessDeniedException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(String detail) {
    super(ProblemType.ACCESS_DENIED, detail);
  }
}
