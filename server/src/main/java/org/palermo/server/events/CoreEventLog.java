package org.palermo.server.events;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;
import org.palermo.plugin.api.CoreEvent.Kind;

/**
 * Writes core events into the outbox inside the transaction of the change they describe, so an
 * event exists exactly when its change was committed; delivery to plugins comes after.
 */
public final class CoreEventLog {
  private final Clock clock;

  public CoreEventLog(Clock clock) {
    this.clock = clock;
  }

  public void workspaceCreated(Handle h, byte[] workspaceId, byte[] owner) {
    append(h, workspaceId, Kind.WORKSPACE_CREATED, null, 0, owner, null);
  }

  public void memberAdded(Handle h, byte[] workspaceId, byte[] account) {
    append(h, workspaceId, Kind.MEMBER_ADDED, null, 0, account, null);
  }

  public void memberRemoved(Handle h, byte[] workspaceId, byte[] account) {
    append(h, workspaceId, Kind.MEMBER_REMOVED, null, 0, account, null);
  }

  /** A version stored: the first one, a later one, or a removal. */
  public void versionStored(Handle h, byte[] workspaceId, byte[] documentId, long version,
      boolean first, boolean removal) {
    Kind kind = removal ? Kind.DOCUMENT_DELETED
        : first ? Kind.DOCUMENT_PUT : Kind.DOCUMENT_VERSIONED;
    append(h, workspaceId, kind, documentId, version, null, null);
  }

  public void disclosed(Handle h, byte[] workspaceId, byte[] documentId, long version,
      String level) {
    append(h, workspaceId, Kind.DOCUMENT_DISCLOSED, documentId, version, null, level);
  }

  public void published(Handle h, byte[] workspaceId, byte[] documentId, long version) {
    append(h, workspaceId, Kind.DOCUMENT_PUBLISHED, documentId, version, null, null);
  }

  /** How long events are kept: a plugin disabled for longer misses what happened meanwhile. */
  public static final java.time.Duration RETENTION = java.time.Duration.ofDays(30);

  /** Deletes events older than {@link #RETENTION}, in batches; returns how many. */
  public int prune(org.jdbi.v3.core.Jdbi jdbi) {
    LocalDateTime before = LocalDateTime.ofInstant(clock.instant().minus(RETENTION),
        ZoneOffset.UTC);
    int total = 0;
    int batch;
    do {
      batch = jdbi.withExtension(EventDao.class, dao -> dao.prune(before, 10_000));
      total += batch;
    } while (batch == 10_000);
    return total;
  }

  private void append(Handle h, byte[] workspaceId, Kind kind, byte[] documentId, long version,
      byte[] accountId, String level) {
    EventDao dao = h.attach(EventDao.class);
    dao.append(workspaceId, kind.name(), documentId, version, accountId, level,
        LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MINUTES),
            ZoneOffset.UTC));
    dao.advanceHead(workspaceId);
  }
}
