package org.palermo.server.events;

import java.time.LocalDateTime;

/** One stored core event: ids and a kind, never content. */
public record EventRow(long sequence, byte[] workspaceId, String kind, byte[] documentId,
    long version, byte[] accountId, String level, LocalDateTime occurredAt) {}
