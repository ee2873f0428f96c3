package org.palermo.server.documents;

/** A received run of one sealed stream of an upload, stored whole as one blob. */
public record PartRow(byte[] uploadId, int stream, long start, long length, String blobId) {}
