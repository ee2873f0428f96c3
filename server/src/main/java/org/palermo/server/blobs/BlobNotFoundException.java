package org.palermo.server.blobs;

import java.io.IOException;

/** Thrown by {@link BlobStore#open} when no blob has the requested id. */
public class BlobNotFoundException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient BlobId id;

  public BlobNotFoundException(BlobId id) {
    super("no blob " + id);
    this.id = id;
  }

  public BlobNotFoundException(BlobId id, Throwable cause) {
    super("no blob " + id, cause);
    this.id = id;
  }

  /** The id that was looked up. */
  public BlobId id() {
    return id;
  }
}
