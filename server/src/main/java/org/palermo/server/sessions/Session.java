package org.palermo.server.sessions;

import java.time.LocalDateTime;

/** A stored session: only the hash of its token. Times are UTC, to the minute. */
public record Session(
    byte[] id,
    byte[] tokenHash,
    byte[] accountId,
    LocalDateTime createdAt,
    LocalDateTime lastUsedAt,
    LocalDateTime expiresAt) {}
