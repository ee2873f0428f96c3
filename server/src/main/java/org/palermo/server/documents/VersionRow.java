package org.palermo.server.documents;

/** A stored version: what its author's client signed, the sealed metadata, the sizes. */
public record VersionRow(byte[] workspaceId, byte[] documentId, long version, long epoch,
    byte[] uploadId, byte[] manifest, byte[] signature, byte[] metadata, long contentLength,
    long originalLength) {}
