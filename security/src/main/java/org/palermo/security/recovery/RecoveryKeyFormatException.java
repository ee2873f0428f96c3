package org.palermo.security.recovery;

import java.security.GeneralSecurityException;

/** A typed recovery key is not well formed; {@link #group()} names the first group that is wrong. */
public final class RecoveryKeyFormatException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final int group;

    RecoveryKeyFormatException(int group, String message) {
        super(message);
        this.group = group;
    }

    /** The first mistyped group, counted from 1; 0 when the whole key has the wrong shape. */
    public int group() {
        return group;
    }
}
