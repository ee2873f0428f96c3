package org.palermo.client.plugin;

import java.util.Objects;

/**
 * One version of a plugin's sealed item: the workspace document that holds it (32 hex digits)
 * and the version number. This is what a plugin's client code may hand to the plugin's server
 * side: the server knows both already, and neither tells it anything of the content.
 */
public record SealedRef(String documentId, long version) {
  public SealedRef {
    Objects.requireNonNull(documentId, "documentId");
    if (version < 1) {
      throw new IllegalArgumentException("a version is 1 or more");
    }
  }
}
