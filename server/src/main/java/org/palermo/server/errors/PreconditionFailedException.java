package org.palermo.server.errors;

/** An If-Match precondition does not hold: the thing changed since it was read. */
public final class PreconditionFailedException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String detail) {
    super(ProblemType.PRECONDITION_FAILED, detail);
  }
}
