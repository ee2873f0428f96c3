package org.palermo.server.errors;

import org.palermo.text.Text;

/** A thing the caller named does not exist, or is not theirs to see (the answer is the same). */
public final class NotFoundProblemException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public NotFoundProblemException(Text detail) {
    super(ProblemType.NOT_FOUND, detail);
  }

}
