package org.palermo.server.errors;

/**
 * The kinds of error the API answers, each with a stable {@code type} URI (RFC 9457) that
 * clients may switch on, its status and a title. Append new kinds; never rename one.
 */
public enum ProblemType {
  INVALID_REQUEST(400, "invalid-request", "The request is not valid"),
  INVALID_JSON(400, "invalid-json", "The JSON body is not valid"),
  AUTHENTICATION_REQUIRED(401, "authentication-required", "Authentication required"),
  ACCESS_DENIED(403, "access-denied", "Access denied"),
  NOT_FOUND(404, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
  CONFLICT(409, "conflict", "Conflict"),
  PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Request body too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  RATE_LIMITED(429, "rate-limited", "Too many requests"),
  HEADERS_TOO_LARGE(431, "headers-too-large", "Request headers too large"),
  INTERNAL_ERROR(500, "internal-error", "Internal server error"),
  DATABASE_UNAVAILABLE(503, "database-unavailable", "Service unavailable"),
  PLUGIN_BUSY(503, "plugin-busy", "Plugin busy");

  /** Prefix of every problem type URI. */
  public static final String URI_PREFIX = "urn:palermo:problem:";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String uri() {
    return URI_PREFIX + slug;
  }

  public String title() {
    return title;
  }

  /** The kind used for a status that carries no more specific meaning. */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status && type != INVALID_JSON) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
  }
}
