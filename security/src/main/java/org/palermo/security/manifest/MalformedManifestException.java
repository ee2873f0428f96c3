package org.palermo.security.manifest;

import java.security.GeneralSecurityException;

/** A document manifest's bytes are not a well-formed manifest of a supported version. */
public final class MalformedManifestException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    MalformedManifestException(String message) {
        super(message);
    }
}
