package org.palermo.plugin.api;

/**
 * Thrown by a plugin's REST method to answer with a problem document (RFC 9457) whose detail
 * is this message, a sentence the caller can act on: 400 (the request does not fit), 403 (the
 * caller's role does not allow it), 404 (no such thing, or not for this caller), 409 (it
 * conflicts with the current state). The core writes the document; any other status is 400.
 */
public class PluginProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public PluginProblem(int status, String detail) {
    super(detail);
    this.status = status == 403 || status == 404 || status == 409 ? status : 400;
  }

  /** The HTTP status: 400, 403, 404 or 409. */
  public int status() {
    return status;
  }
}
