package org.palermo.security.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.palermo.security.keys.SigningKeyPair;

class ChainVerifierTest {
    final SigningKeyPair owner = SigningKeyPair.generate();
    final SigningKeyPair coOwner = SigningKeyPair.generate();
    final SigningKeyPair outsider = SigningKeyPair.generate();
    /** Owner and co-owner may write; anyone else is a wrong author. */
    final AuthorPolicy owners = (entry, before) -> {
        for (SigningKeyPair k : List.of(owner, coOwner)) {
            if (java.util.Arrays.equals(k.publicKey().keyId(), entry.authorKeyId())) {
                return Optional.of(k.publicKey());
            }
        }
        return Optional.empty();
    };
    final ChainVerifier verifier = new ChainVerifier(ChainKind.MEMBERSHIP, owners);

    static byte[] payload(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    List<ChainEntry> chain(int length) {
        List<ChainEntry> entries = new ArrayList<>();
        entries.add(ChainEntry.genesis(ChainKind.MEMBERSHIP, owner, payload("create")));
        for (int i = 1; i < length; i++) {
            entries.add(ChainEntry.next(ChainKind.MEMBERSHIP, entries.get(i - 1), i % 2 == 0 ? owner : coOwner,
                    payload("change " + i)));
        }
        return entries;
    }

    @Test
    void verify_wellFormedChain_returnsHead() throws ChainException {
        List<ChainEntry> c = chain(5);
        ChainHead head = verifier.verify(c, null);
        assertEquals(4, head.sequence());
        assertArrayEquals(c.get(4).hash(), head.hash());
        assertEquals(head, verifier.verify(c, ChainHead.of(c.get(2))));
        assertEquals(head, verifier.verify(c, head));
    }

    @Test
    void verify_missingEntry_isGap() {
        List<ChainEntry> c = chain(5);
        c.remove(2);
        ChainException e = assertThrows(ChainException.Gap.class, () -> verifier.verify(c, null));
        assertEquals(2, e.sequence());
        List<ChainEntry> noGenesis = chain(3).subList(1, 3);
        assertThrows(ChainException.Gap.class, () -> verifier.verify(noGenesis, null));
        assertThrows(ChainException.Gap.class, () -> verifier.verify(List.of(), null));
    }

    @Test
    void verify_twoEntriesWithOneSequence_isFork() {
        List<ChainEntry> c = chain(3);
        ChainEntry rival = ChainEntry.next(ChainKind.MEMBERSHIP, c.get(1), owner, payload("rival"));
        List<ChainEntry> forked = new ArrayList<>(c);
        forked.add(rival);
        assertThrows(ChainException.Fork.class, () -> verifier.verify(forked, null));
    }

    @Test
    void verify_entryNotExtendingItsPredecessor_isFork() {
        List<ChainEntry> c = chain(3);
        ChainEntry rival = ChainEntry.next(ChainKind.MEMBERSHIP, c.get(0), owner, payload("rival"));
        c.set(1, rival); // a valid entry 1, but entry 2 names the other entry 1
        ChainException e = assertThrows(ChainException.Fork.class, () -> verifier.verify(c, null));
        assertEquals(2, e.sequence());
    }

    @Test
    void verify_chainDifferentAtPinnedHead_isFork() throws ChainException {
        List<ChainEntry> c = chain(3);
        ChainHead pinned = verifier.verify(c, null);
        List<ChainEntry> other = new ArrayList<>(c.subList(0, 2));
        other.add(ChainEntry.next(ChainKind.MEMBERSHIP, other.get(1), owner, payload("split view")));
        other.add(ChainEntry.next(ChainKind.MEMBERSHIP, other.get(2), owner, payload("more")));
        ChainException e = assertThrows(ChainException.Fork.class, () -> verifier.verify(other, pinned));
        assertEquals(2, e.sequence());
    }

    @Test
    void verify_headOlderThanPinned_isRollback() throws ChainException {
        List<ChainEntry> c = chain(5);
        ChainHead pinned = verifier.verify(c, null);
        assertThrows(ChainException.Rollback.class, () -> verifier.verify(c.subList(0, 3), pinned));
        assertThrows(ChainException.Rollback.class, () -> verifier.verify(c.subList(0, 4), pinned));
    }

    @Test
    void verify_entrySignedByOutsider_isWrongAuthor() {
        List<ChainEntry> c = chain(3);
        c.add(ChainEntry.next(ChainKind.MEMBERSHIP, c.get(2), outsider, payload("add the server's friend")));
        ChainException e = assertThrows(ChainException.WrongAuthor.class, () -> verifier.verify(c, null));
        assertEquals(3, e.sequence());
    }

    @Test
    void verify_policyReturnsKeyOtherThanNamedAuthor_isWrongAuthor() {
        AuthorPolicy confused = (entry, before) -> Optional.of(coOwner.publicKey());
        List<ChainEntry> c = chain(1); // written by owner, named as owner
        assertThrows(ChainException.WrongAuthor.class,
                () -> new ChainVerifier(ChainKind.MEMBERSHIP, confused).verify(c, null));
    }

    @Test
    void verify_tamperedPayloadOrSignature_isBadSignature() throws MalformedEntryException {
        List<ChainEntry> c = chain(3);
        byte[] enc = c.get(1).encode();
        enc[enc.length - 1] ^= 1; // signature
        List<ChainEntry> badSig = new ArrayList<>(c.subList(0, 1));
        badSig.add(ChainEntry.decode(enc));
        assertThrows(ChainException.BadSignature.class, () -> verifier.verify(badSig, null));

        byte[] enc2 = c.get(0).encode();
        enc2[1 + 8 + 32 + 32 + 4] ^= 1; // first payload byte
        assertThrows(ChainException.BadSignature.class, () -> verifier.verify(List.of(ChainEntry.decode(enc2)), null));
    }

    /** A changed sequence number or previous hash is a forgery, not a gap or a fork: signatures are checked first. */
    @Test
    void verify_tamperedSequenceOrPreviousHash_isBadSignatureNotGapOrFork() throws MalformedEntryException {
        List<ChainEntry> c = chain(3);
        byte[] seq = c.get(2).encode();
        seq[1 + 7] ^= 1; // sequence 2 becomes 3: unsigned, it would read as a gap
        List<ChainEntry> renumbered = new ArrayList<>(c.subList(0, 2));
        renumbered.add(ChainEntry.decode(seq));
        ChainException e = assertThrows(ChainException.BadSignature.class, () -> verifier.verify(renumbered, null));
        assertEquals(3, e.sequence());

        byte[] prev = c.get(2).encode();
        prev[1 + 8] ^= 1; // first byte of the previous hash: unsigned, it would read as a fork
        List<ChainEntry> relinked = new ArrayList<>(c.subList(0, 2));
        relinked.add(ChainEntry.decode(prev));
        e = assertThrows(ChainException.BadSignature.class, () -> verifier.verify(relinked, null));
        assertEquals(2, e.sequence());

        byte[] dup = c.get(2).encode();
        dup[1 + 7] ^= 3; // sequence 2 becomes 1: unsigned, it would read as a second entry 1
        List<ChainEntry> duplicated = new ArrayList<>(c.subList(0, 2));
        duplicated.add(ChainEntry.decode(dup));
        assertThrows(ChainException.BadSignature.class, () -> verifier.verify(duplicated, null));
    }

    /** ATTACKS.md class 6: an audit entry replayed into the membership log does not verify. */
    @Test
    void verify_entrySignedForOtherChainKind_isBadSignature() {
        ChainEntry audit = ChainEntry.genesis(ChainKind.AUDIT, owner, payload("create"));
        assertThrows(ChainException.BadSignature.class, () -> verifier.verify(List.of(audit), null));
    }

    @Test
    void verify_policySeesEarlierEntries() throws ChainException {
        List<Integer> seen = new ArrayList<>();
        AuthorPolicy recording = (entry, before) -> {
            seen.add(before.size());
            return owners.authorise(entry, before);
        };
        new ChainVerifier(ChainKind.MEMBERSHIP, recording).verify(chain(4), null);
        assertEquals(List.of(0, 1, 2, 3), seen);
    }

    @Test
    void encodeDecode_roundTrip_keepsHashAndFields() throws Exception {
        ChainEntry e = chain(2).get(1);
        ChainEntry d = ChainEntry.decode(e.encode());
        assertArrayEquals(e.hash(), d.hash());
        assertEquals(1, d.sequence());
        assertArrayEquals(e.previousHash(), d.previousHash());
        assertArrayEquals(coOwner.publicKey().keyId(), d.authorKeyId());
        assertArrayEquals(payload("change 1"), d.payload());
        assertEquals(1 + 8 + 32 + 32 + 4 + 8 + 64, e.encode().length);
    }

    @Test
    void decode_malformedBytes_refused() {
        byte[] enc = chain(1).get(0).encode();
        assertThrows(MalformedEntryException.class, () -> ChainEntry.decode(new byte[0]));
        assertThrows(MalformedEntryException.class, () -> ChainEntry.decode(java.util.Arrays.copyOf(enc, enc.length - 1)));
        assertThrows(MalformedEntryException.class, () -> ChainEntry.decode(java.util.Arrays.copyOf(enc, enc.length + 1)));
        byte[] badVersion = enc.clone();
        badVersion[0] = 2;
        assertThrows(MalformedEntryException.class, () -> ChainEntry.decode(badVersion));
        byte[] negative = enc.clone();
        negative[1] = (byte) 0x80;
        assertThrows(MalformedEntryException.class, () -> ChainEntry.decode(negative));
        byte[] hugePayload = enc.clone();
        hugePayload[1 + 8 + 64] = 0x7f;
        assertThrows(MalformedEntryException.class, () -> ChainEntry.decode(hugePayload));
    }

    @Test
    void chainHead_invalidValues_refused() {
        assertThrows(IllegalArgumentException.class, () -> new ChainHead(-1, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new ChainHead(0, new byte[31]));
        assertEquals(new ChainHead(3, new byte[32]), new ChainHead(3, new byte[32]));
        assertEquals(0, new ChainHead(0, new byte[32]).sequence());
        assertEquals(false, new ChainHead(3, new byte[32]).equals(new ChainHead(4, new byte[32])));
    }

    @Test
    void sign_invalidFields_refused() {
        assertThrows(IllegalArgumentException.class, () -> ChainEntry.sign(ChainKind.AUDIT, 0, new byte[31], owner, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> ChainEntry.sign(ChainKind.AUDIT, 0, new byte[32], owner, new byte[ChainEntry.MAX_PAYLOAD + 1]));
        assertThrows(IllegalArgumentException.class, () -> ChainEntry.sign(ChainKind.AUDIT, -1, new byte[32], owner, new byte[0]));
        assertEquals(ChainEntry.MAX_PAYLOAD,
                ChainEntry.sign(ChainKind.AUDIT, 0, new byte[32], owner, new byte[ChainEntry.MAX_PAYLOAD]).payload().length);
    }

    @Test
    void verifyNext_entryByEntry_sameChecksAsVerify() throws ChainException {
        List<ChainEntry> c = chain(4);
        List<ChainEntry> verified = new ArrayList<>();
        for (ChainEntry e : c) {
            assertEquals(ChainHead.of(e), verifier.verifyNext(verified, e));
            verified.add(e);
        }
        assertThrows(ChainException.Fork.class, () -> verifier.verifyNext(verified, c.get(3)));
        ChainEntry rival = ChainEntry.next(ChainKind.MEMBERSHIP, c.get(1), owner, payload("rival"));
        assertThrows(ChainException.Fork.class,
                () -> verifier.verifyNext(c.subList(0, 3), rival));
        ChainEntry beyond = ChainEntry.next(ChainKind.MEMBERSHIP, c.get(3), owner, payload("5"));
        assertThrows(ChainException.Gap.class, () -> verifier.verifyNext(c.subList(0, 3), beyond));
        assertThrows(ChainException.Gap.class, () -> verifier.verifyNext(List.of(), c.get(1)));
        ChainEntry byOutsider = ChainEntry.next(ChainKind.MEMBERSHIP, c.get(3), outsider,
                payload("x"));
        assertThrows(ChainException.WrongAuthor.class, () -> verifier.verifyNext(c, byOutsider));
    }

    @Test
    void checkPinned_nullPasses_olderIsRollback_otherIsFork() throws ChainException {
        List<ChainEntry> c = chain(3);
        ChainVerifier.checkPinned(c, null);
        ChainVerifier.checkPinned(List.of(), null);
        ChainHead head = ChainHead.of(c.get(2));
        ChainVerifier.checkPinned(c, head);
        ChainVerifier.checkPinned(c, ChainHead.of(c.get(1)));
        assertThrows(ChainException.Rollback.class, () -> ChainVerifier.checkPinned(List.of(), head));
        assertThrows(ChainException.Rollback.class,
                () -> ChainVerifier.checkPinned(c.subList(0, 2), head));
        assertThrows(ChainException.Fork.class,
                () -> ChainVerifier.checkPinned(c, new ChainHead(1, new byte[32])));
        ChainException rule = new ChainException.Rule(7, "the last owner cannot leave");
        assertEquals(7, rule.sequence());
        assertEquals("entry 7: the last owner cannot leave", rule.getMessage());
    }
}
