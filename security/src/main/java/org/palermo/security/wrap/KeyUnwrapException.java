package org.palermo.security.wrap;

import java.security.GeneralSecurityException;

/**
 * A wrapped key cannot be opened: wrong recipient, wrong info, malformed, modified, or an
 * encapsulated key of small order. One error with one message for every cause.
 */
public final class KeyUnwrapException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "wrapped key cannot be opened: wrong recipient or context, or not authentic";

    /**
     * The one error of every unwrap and open of a keyed value ({@link KeyWrap},
     * {@link DocumentKeyWrap}, the sealed workspace name); always the same message, no cause.
     */
    public KeyUnwrapException() {
        super(MESSAGE);
    }
}
