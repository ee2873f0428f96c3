package org.palermo.plugin.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in the core, delivered to plugins with the {@code events} capability
 * after it was committed: at least once (a plugin may see an event again after a crash, and
 * should treat {@link #sequence()} as its idempotency key), in order within a workspace.
 *
 * <p>An event carries ids, never content: no titles, no file names, no keys. Ids are 32
 * hexadecimal digits; times are to the minute.
 *
 * @param sequence increasing across the server; later events of a workspace have larger ones
 * @param kind what happened
 * @param workspaceId the workspace it happened in
 * @param documentId the document concerned, or {@code null} for workspace and member events
 * @param version the document's version concerned, or 0 when none
 * @param accountId the member added or removed, or the account that created the workspace;
 *     {@code null} for document events
 * @param level the disclosure level set ({@code confidential}, {@code states-only},
 *     {@code public}) for {@link Kind#DOCUMENT_DISCLOSED}, else {@code null}
 * @param occurredAt when the core committed it, to the minute
 */
public record CoreEvent(long sequence, Kind kind, String workspaceId, String documentId,
    long version, String accountId, String level, Instant occurredAt) {

  /** What happened. A later minor version of the API may add kinds: ignore unknown ones. */
  public enum Kind {
    /** A workspace was created ({@code accountId}: its first owner). */
    WORKSPACE_CREATED,
    /** An account joined the workspace ({@code accountId}). */
    MEMBER_ADDED,
    /** An account was removed from or left the workspace ({@code accountId}). */
    MEMBER_REMOVED,
    /** A new document was stored, at {@code version} 1. */
    DOCUMENT_PUT,
    /** A document got a new {@code version}. */
    DOCUMENT_VERSIONED,
    /** A document's disclosure {@code level} was set, at {@code version}. */
    DOCUMENT_DISCLOSED,
    /** A document's {@code version} was published: anyone may read it from now on. */
    DOCUMENT_PUBLISHED,
    /** A document was removed (its last version is a removal, {@code version}). */
    DOCUMENT_DELETED
  }

  public CoreEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
