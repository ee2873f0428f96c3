package org.palermo.server.workspaces;

/** One line of the caller's workspace list. */
public record WorkspaceSummaryRow(byte[] id, int role, long headSequence, long currentEpoch) {}
