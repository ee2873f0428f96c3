package org.palermo.security.chain;

import java.security.GeneralSecurityException;

/** A chain entry's bytes (or its payload's) are not a well-formed entry. */
public final class MalformedEntryException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    /** Public so that a chain's payload decoder (the membership log's) can report bad bytes. */
    public MalformedEntryException(String message) {
        super(message);
    }
}
