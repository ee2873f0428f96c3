package org.palermo.server.disclosure;

/** A version disclosed to an account: what its client needs to verify and open it. */
public record DisclosedRow(byte[] workspaceId, byte[] documentId, long version, long epoch,
    byte[] manifest, byte[] signature, byte[] metadata, byte[] deviceId, byte[] wrapped,
    byte[] disclosure, byte[] discloser) {}
