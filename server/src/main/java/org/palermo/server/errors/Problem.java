package org.palermo.server.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code detail} is written for a person and says what to do;
 * it never holds a stack trace, an exception class or anything the client did not send.
 *
 * @param field the request field at fault, when there is one
 * @param errorId for a 500, the id under which the server logged the cause
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String field, String errorId) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemType type, String detail) {
    return new Problem(type.uri(), type.title(), type.status(), detail, null, null);
  }

  public Problem withField(String name) {
    return new Problem(type, title, status, detail, name, errorId);
  }

  public Problem withErrorId(String id) {
    return new Problem(type, title, status, detail, field, id);
  }
}
