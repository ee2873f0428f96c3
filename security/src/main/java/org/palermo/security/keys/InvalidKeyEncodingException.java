package org.palermo.security.keys;

import java.security.GeneralSecurityException;

/** A public key's bytes are not a valid key of the expected type and version. */
public final class InvalidKeyEncodingException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public InvalidKeyEncodingException(String message) {
        super(message);
    }
}
