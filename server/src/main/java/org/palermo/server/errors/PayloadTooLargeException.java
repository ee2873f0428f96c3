package org.palermo.server.errors;

/** A request body over the limit of its route. */
public final class PayloadTooLargeException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public PayloadTooLargeException(String detail) {
    super(ProblemType.PAYLOAD_TOO_LARGE, detail);
  }
}
