package org.palermo.security.chain;

import java.security.GeneralSecurityException;

/**
 * A chain failed verification. Each cause has its own subclass, because each tells the user
 * something different (a missing entry, a split view, an old copy, an impostor, a forgery, a
 * broken rule). The subclasses' constructors are public so that a chain with rules of its own
 * (the membership log) reports its errors in these same types.
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

        public Gap(long sequence, String message) {
            super(sequence, message);
        }
    }

    /** Two different entries claim one sequence number, or an entry does not extend the one before it. */
    public static final class Fork extends ChainException {
        private static final long serialVersionUID = 1L;

        public Fork(long sequence, String message) {
            super(sequence, message);
        }
    }

    /** The served head is older than a head this client already pinned. */
    public static final class Rollback extends ChainException {
        private static final long serialVersionUID = 1L;

        public Rollback(long sequence, String message) {
            super(sequence, message);
        }
    }

    /** The entry's author is not allowed to write it. */
    public static final class WrongAuthor extends ChainException {
        private static final long serialVersionUID = 1L;

        public WrongAuthor(long sequence, String message) {
            super(sequence, message);
        }
    }

    /**
     * A signed, well-linked entry breaks the rules of its chain (for the membership log: a
     * payload that is not a membership change, another workspace, a wrong epoch, a wrap too many
     * or too few, the last owner leaving, ...). The message names the rule.
     */
    public static final class Rule extends ChainException {
        private static final long serialVersionUID = 1L;

        public Rule(long sequence, String rule) {
            super(sequence, rule);
        }
    }

    /** The entry's signature does not verify under its author's key. */
    public static final class BadSignature extends ChainException {
        private static final long serialVersionUID = 1L;

        public BadSignature(long sequence, String message) {
            super(sequence, message);
        }
    }
}
