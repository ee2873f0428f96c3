package org.palermo.security.seal;

import java.io.IOException;

/**
 * Sealed content cannot be opened: wrong key or context, modified, truncated, extended or
 * reordered. Every cause gives this one error with one message, so the error reveals nothing
 * about where the ciphertext went wrong (ATTACKS.md class 2).
 */
public final class SealedContentException extends IOException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "sealed content cannot be opened: wrong key or context, or not authentic";

    SealedContentException() {
        super(MESSAGE);
    }
}
