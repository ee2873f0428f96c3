package org.palermo.server.documents;

import java.time.Instant;

/** An upload: the version it will become once its sealed streams have arrived whole. */
public record UploadRow(byte[] id, byte[] workspaceId, byte[] documentId, long version,
    long epoch, byte[] accountId, byte[] manifest, byte[] signature, byte[] metadata,
    long contentLength, long originalLength, Instant createdAt, boolean completed) {}
