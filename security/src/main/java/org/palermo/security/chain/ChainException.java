package org.palermo.security.chain;

import java.security.GeneralSecurityException;

/**
 * A chain failed verification. Each cause has its own subclass, because each tells the user
 * something different (a missing entry, a split view, an old copy, an impostor, a forgery).
 */
public abstract class ChainException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;
    private final long sequence;

    ChainException(long sequence, String message) {
        super("entry " + sequence + ": " + message);
        this.sequence = sequence;
    }

    /** Sequence number of the entry where verification stopped. */
    public long sequence() {
        return sequence;
    }

    /** Sequence numbers skip: an entry is missing. */
    public static final class Gap extends ChainException {
        private static final long serialVersionUID = 1L;

        Gap(long sequence, String message) {
            super(sequence, message);
        }
    }

    /** Two different entries claim one sequence number, or an entry does not extend the one before it. */
    public static final class Fork extends ChainException {
        private static final long serialVersionUID = 1L;

        Fork(long sequence, String message) {
            super(sequence, message);
        }
    }

    /** The served head is older than a head this client already pinned. */
    public static final class Rollback extends ChainException {
        private static final long serialVersionUID = 1L;

        Rollback(long sequence, String message) {
            super(sequence, message);
        }
    }

    /** The entry's author is not allowed to write it. */
    public static final class WrongAuthor extends ChainException {
        private static final long serialVersionUID = 1L;

        WrongAuthor(long sequence, String message) {
            super(sequence, message);
        }
    }

    /** The entry's signature does not verify under its author's key. */
    public static final class BadSignature extends ChainException {
        private static final long serialVersionUID = 1L;

        BadSignature(long sequence, String message) {
            super(sequence, message);
        }
    }
}
