package org.palermo.server.errors;

import org.palermo.text.Text;

/**
 * The kinds of error the API answers, each with a stable {@code type} URI (RFC 9457) that
 * clients may switch on, its status and a title. Append new kinds; never rename one.
 */
public enum ProblemType {
  INVALID_REQUEST(400, "invalid-request", "errors.title-invalid-request"),
  INVALID_JSON(400, "invalid-json", "errors.title-invalid-json"),
  AUTHENTICATION_REQUIRED(401, "authentication-required", "errors.title-authentication-required"),
  ACCESS_DENIED(403, "access-denied", "errors.title-access-denied"),
  NOT_FOUND(404, "not-found", "errors.title-not-found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "errors.title-method-not-allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "errors.title-not-acceptable"),
  CONFLICT(409, "conflict", "errors.title-conflict"),
  PRECONDITION_FAILED(412, "precondition-failed", "errors.title-precondition-failed"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "errors.title-payload-too-large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "errors.title-unsupported-media-type"),
  RATE_LIMITED(429, "rate-limited", "errors.title-rate-limited"),
  HEADERS_TOO_LARGE(431, "headers-too-large", "errors.title-headers-too-large"),
  INTERNAL_ERROR(500, "internal-error", "errors.title-internal-error"),
  DATABASE_UNAVAILABLE(503, "database-unavailable", "errors.title-database-unavailable"),
  PLUGIN_BUSY(503, "plugin-busy", "errors.title-plugin-busy");

  /** Prefix of every problem type URI. */
  public static final String URI_PREFIX = "urn:palermo:problem:";

  private final int status;
  private final String slug;
  private final String titleKey;

  ProblemType(int status, String slug, String titleKey) {
    this.status = status;
    this.slug = slug;
    this.titleKey = titleKey;
  }

  public int status() {
    return status;
  }

  public String uri() {
    return URI_PREFIX + slug;
  }

  /** The title, to be put in the caller's language. */
  public Text title() {
    return Text.of(titleKey);
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
