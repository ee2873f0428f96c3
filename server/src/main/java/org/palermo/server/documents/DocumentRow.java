package org.palermo.server.documents;

/** A document: who made its first version, its current version, whether it was removed. */
public record DocumentRow(byte[] workspaceId, byte[] id, byte[] firstAuthorId,
    long currentVersion, boolean deleted) {}
