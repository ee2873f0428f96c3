package org.palermo.plugin.api;

import java.util.Locale;
import java.util.Optional;

/**
 * What a plugin may ask for in its descriptor; the host hands it only those it declared and the
 * operator approved. None gives access to keys, plaintext or sealed metadata.
 */
public enum Capability {
  /** REST resources under {@code /api/v1/plugins/{id}/}, behind the core's authentication. */
  REST,
  /** Read-only views: workspace ids, member handles and roles, document ids and levels. */
  READ_WORKSPACES,
  /**
   * Core events after commit, at least once, in order per workspace. They carry ids (workspace,
   * document, member accounts) and levels: as much as {@code read-workspaces} shows.
   */
  EVENTS,
  /** Its own MariaDB schema, through a database user of its own. */
  STORAGE,
  /** Client-sealed data stored through the core's blob service. */
  SEALED_STORAGE,
  /** Message bundles for its user-facing text. */
  MESSAGES;

  /** The name used in descriptors: lower case, hyphens ({@code read-workspaces}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The capability a descriptor names, if this API knows it. */
  public static Optional<Capability> fromLabel(String label) {
    for (Capability c : values()) {
      if (c.label().equals(label)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
