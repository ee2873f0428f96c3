package org.palermo.server.errors;

import org.palermo.text.Text;

/** The request conflicts with the current state, such as a stale parent version. */
public final class ConflictException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public ConflictException(Text detail) {
    super(ProblemType.CONFLICT, detail);
  }

}
