package org.palermo.security.bundle;

import java.security.GeneralSecurityException;

/**
 * A key bundle cannot be opened: wrong passphrase or recovery key, or any byte changed,
 * truncated, extended or of another version. One error with one message for every cause
 * (ATTACKS.md classes 1 and 2).
 */
public final class KeyBundleException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "key bundle cannot be opened: wrong passphrase or recovery key, or not authentic";

    KeyBundleException() {
        super(MESSAGE);
    }
}
