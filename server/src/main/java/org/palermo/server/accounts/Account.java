package org.palermo.server.accounts;

import java.time.LocalDate;

/**
 * What the server holds of an account: public keys, the client's KDF parameters and sealed
 * key bundle (opaque to the server), and the verifier of the authentication key.
 */
public record Account(
    byte[] id,
    String handle,
    byte[] deviceId,
    byte[] signingKey,
    byte[] agreementKey,
    byte[] kdfParameters,
    byte[] keyBundle,
    byte[] verifier,
    LocalDate createdOn) {}
