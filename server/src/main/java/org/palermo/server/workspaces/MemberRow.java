package org.palermo.server.workspaces;

/**
 * A member as derived from the verified membership log: the role (the log's code) and the first
 * epoch whose key was wrapped to them ({@link Long#MAX_VALUE} until an owner's client does so).
 */
public record MemberRow(byte[] workspaceId, byte[] accountId, int role, long firstEpoch) {}
