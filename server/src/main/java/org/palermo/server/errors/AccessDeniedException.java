package org.palermo.server.errors;

import org.palermo.text.Text;

/** The caller is known but may not do this. */
public final class AccessDeniedException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public AccessDeniedException(Text detail) {
    super(ProblemType.ACCESS_DENIED, detail);
  }

}
