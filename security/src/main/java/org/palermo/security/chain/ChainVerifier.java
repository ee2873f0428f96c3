package org.palermo.security.chain;

import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.palermo.security.keys.SigningPublicKey;

/**
 * Verifies a whole signed hash chain from its genesis entry, and against a head the client
 * pinned earlier.
 *
 * <p>Guarantee: a chain that verifies is one unbroken sequence 0..n, each entry naming the hash
 * of the one before, each signed for this chain's purpose by a key the {@link AuthorPolicy}
 * allows, and it contains the pinned head unchanged. Otherwise the error says which of gap,
 * fork, rollback, wrong author or bad signature was found first (ATTACKS.md classes 4, 15).
 * Each entry's author and signature are checked before its sequence number and previous hash,
 * so a gap or fork is reported only between entries that their authors really signed; a
 * tampered entry is a wrong author or a bad signature.
 */
public final class ChainVerifier {
    private final ChainKind kind;
    private final AuthorPolicy authors;

    public ChainVerifier(ChainKind kind, AuthorPolicy authors) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.authors = Objects.requireNonNull(authors, "authors");
    }

    /**
     * Verifies {@code entries} (genesis first) and returns the new head.
     *
     * @param pinned the head this client verified before, or null on first use
     */
    public ChainHead verify(List<ChainEntry> entries, ChainHead pinned) throws ChainException {
        if (entries.isEmpty()) {
            throw new ChainException.Gap(0, "the chain has no genesis entry");
        }
        List<ChainEntry> verified = new ArrayList<>(entries.size());
        for (ChainEntry entry : entries) {
            verifyNext(verified, entry);
            verified.add(entry);
        }
        checkPinned(verified, pinned);
        return ChainHead.of(verified.get(verified.size() - 1));
    }

    /**
     * Verifies one more entry after a chain this verifier already verified (which is not checked
     * again): its author and signature, then that it is entry {@code verified.size()} and names
     * the hash of the last verified entry (the genesis entry after an empty chain). The same
     * checks, in the same order, as {@link #verify} makes for each entry.
     *
     * @return the head with {@code next}
     */
    public ChainHead verifyNext(List<ChainEntry> verified, ChainEntry next) throws ChainException {
        long seq = next.sequence();
        // Author and signature first: an entry whose sequence number or previous hash was
        // changed after signing is a forgery (BadSignature), not evidence of a fork or a gap.
        // Only signed entries are then checked for how they link.
        Optional<SigningPublicKey> author =
                authors.authorise(next, Collections.unmodifiableList(verified));
        if (author.isEmpty() || !MessageDigest.isEqual(author.get().keyId(), next.authorKeyId())) {
            throw new ChainException.WrongAuthor(seq, "its author may not write this entry");
        }
        try {
            author.get().verify(kind.purpose(), next.signedBytes(), next.signature());
        } catch (SignatureException e) {
            throw new ChainException.BadSignature(seq, "signature does not verify");
        }
        long expected = verified.size();
        if (seq < expected) {
            throw new ChainException.Fork(seq, "a second entry with this sequence number");
        }
        if (seq > expected) {
            throw new ChainException.Gap(expected, "missing; the next entry served is " + seq);
        }
        byte[] expectedPrevious = verified.isEmpty()
                ? ChainEntry.GENESIS_PREVIOUS
                : verified.get(verified.size() - 1).hash();
        if (!MessageDigest.isEqual(expectedPrevious, next.previousHash())) {
            throw new ChainException.Fork(seq, "does not extend the entry before it");
        }
        return ChainHead.of(next);
    }

    /**
     * Checks a verified chain against the head this client pinned before: the chain must reach
     * it (else {@link ChainException.Rollback}) and hold it unchanged (else
     * {@link ChainException.Fork}). A null {@code pinned} (first use) passes.
     */
    public static void checkPinned(List<ChainEntry> verified, ChainHead pinned)
            throws ChainException {
        if (pinned == null) {
            return;
        }
        if (verified.isEmpty()) {
            throw new ChainException.Rollback(0, "no entry served; the pinned head is "
                    + pinned.sequence());
        }
        ChainEntry last = verified.get(verified.size() - 1);
        if (last.sequence() < pinned.sequence()) {
            throw new ChainException.Rollback(last.sequence(),
                    "served head is older than the pinned head " + pinned.sequence());
        }
        if (!verified.get((int) pinned.sequence()).hasHash(pinned.hash())) {
            throw new ChainException.Fork(pinned.sequence(), "differs from the pinned entry");
        }
    }
}
