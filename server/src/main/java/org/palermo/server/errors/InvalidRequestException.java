package org.palermo.server.errors;

import org.palermo.text.Text;

/** A request parameter or body that breaks a rule of the API, naming the field at fault. */
public final class InvalidRequestException extends ProblemException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidRequestException(String field, Text detail) {
    super(ProblemType.INVALID_REQUEST, detail);
    this.field = field;
  }


  @Override
  public String field() {
    return field;
  }
}
