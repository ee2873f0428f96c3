package org.palermo.security.chain;

import java.security.GeneralSecurityException;

/** A chain entry's bytes are not a well-formed entry. */
public final class MalformedEntryException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    MalformedEntryException(String message) {
        super(message);
    }
}
