package org.palermo.server.workspaces;

import java.time.LocalDate;

/** A workspace as the server keeps it: the log's head and what it needs for quotas. */
public record WorkspaceRow(byte[] id, long headSequence, byte[] headHash, long currentEpoch,
    long quotaBytes, long usedBytes, LocalDate createdOn) {}
