package org.palermo.security.passphrase;

import java.security.GeneralSecurityException;

/** Argon2id parameters outside the pinned bounds (weaker than the minimum, or excessive), or of another version. */
public final class RefusedParametersException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    RefusedParametersException(String message) {
        super(message);
    }
}
