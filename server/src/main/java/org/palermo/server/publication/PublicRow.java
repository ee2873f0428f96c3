package org.palermo.server.publication;

import java.time.LocalDate;

/**
 * A published version: what a reader without an account needs to verify and open it (the
 * author's signed manifest, the sealed metadata, the released key, the signed disclosure entry
 * that published it and who signed that), and what the index shows beside it.
 */
public record PublicRow(byte[] workspaceId, byte[] documentId, long version, long epoch,
    byte[] manifest, byte[] signature, byte[] metadata, byte[] documentKey, byte[] disclosure,
    byte[] discloser, LocalDate publishedOn, String publicName) {}
