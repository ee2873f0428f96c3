package org.palermo.server.errors;

import org.palermo.text.Text;

/** An If-Match precondition does not hold: the thing changed since it was read. */
public final class PreconditionFailedException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(Text detail) {
    super(ProblemType.PRECONDITION_FAILED, detail);
  }

}
