package org.palermo.security.chain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.palermo.security.Labels;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.internal.Hashes;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SigningPublicKey;

/**
 * One signed entry of a hash chain.
 *
 * <p>Signed bytes: {@code version 0x01 || sequence (u64) || previous hash (32) || author key id (32)
 * || len(payload) (u32) || payload}, signed with the chain kind's purpose label. Encoding: the
 * signed bytes, then the 64-byte Ed25519 signature. Hash: SHA-256 over the entry-hash label and
 * the encoding. The genesis entry has sequence 0 and a previous hash of 32 zero bytes.
 */
public final class ChainEntry {
    public static final int VERSION = 1;
    public static final int HASH_LENGTH = 32;
    /** Largest payload accepted when decoding. */
    public static final int MAX_PAYLOAD = 1 << 20;
    static final byte[] GENESIS_PREVIOUS = new byte[HASH_LENGTH];

    private final long sequence;
    private final byte[] previousHash;
    private final byte[] authorKeyId;
    private final byte[] payload;
    private final byte[] signature;

    private ChainEntry(long sequence, byte[] previousHash, byte[] authorKeyId, byte[] payload, byte[] signature) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
        this.sequence = sequence;
        this.previousHash = previousHash;
        this.authorKeyId = authorKeyId;
        this.payload = payload;
        this.signature = signature;
    }

    /** The genesis entry of a chain of this kind. */
    public static ChainEntry genesis(ChainKind kind, SigningKeyPair author, byte[] payload) {
        return sign(kind, 0, GENESIS_PREVIOUS, author, payload);
    }

    /** The entry that follows {@code previous}. */
    public static ChainEntry next(ChainKind kind, ChainEntry previous, SigningKeyPair author, byte[] payload) {
        return sign(kind, Math.addExact(previous.sequence, 1), previous.hash(), author, payload);
    }

    /** An entry with the given fields, signed by {@code author}; used to build entries and, in tests, bad ones. */
    static ChainEntry sign(ChainKind kind, long sequence, byte[] previousHash, SigningKeyPair author, byte[] payload) {
        Objects.requireNonNull(kind, "kind");
        if (previousHash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("previous hash is 32 bytes");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload too large");
        }
        byte[] keyId = author.publicKey().keyId();
        byte[] signed = signedBytes(sequence, previousHash, keyId, payload);
        return new ChainEntry(sequence, previousHash.clone(), keyId, payload.clone(), author.sign(kind.purpose(), signed));
    }

    static byte[] signedBytes(long sequence, byte[] previousHash, byte[] authorKeyId, byte[] payload) {
        return Canonical.start()
                .u8(VERSION)
                .u64(sequence)
                .fixed(previousHash, HASH_LENGTH)
                .fixed(authorKeyId, HASH_LENGTH)
                .bytes(payload)
                .toByteArray();
    }

    byte[] signedBytes() {
        return signedBytes(sequence, previousHash, authorKeyId, payload);
    }

    byte[] signature() {
        return signature.clone();
    }

    /**
     * Checks this one entry on its own: written by {@code author} for a chain of this kind. For
     * a reader who holds a single entry and not its chain (a State reading what was disclosed
     * to it); whole chains are checked by {@link ChainVerifier}.
     *
     * @throws java.security.SignatureException if another key wrote it or the signature fails
     */
    public void verifyAlone(ChainKind kind, SigningPublicKey author)
            throws java.security.SignatureException {
        if (!java.security.MessageDigest.isEqual(author.keyId(), authorKeyId)) {
            throw new java.security.SignatureException("written by another key");
        }
        author.verify(kind.purpose(), signedBytes(), signature);
    }

    /** The canonical encoding: signed bytes, then the signature. */
    public byte[] encode() {
        byte[] signed = signedBytes();
        byte[] out = Arrays.copyOf(signed, signed.length + SigningPublicKey.SIGNATURE_LENGTH);
        System.arraycopy(signature, 0, out, signed.length, SigningPublicKey.SIGNATURE_LENGTH);
        return out;
    }

    /** Parses an encoding strictly (version, lengths, no trailing bytes); the signature is checked by {@link ChainVerifier}. */
    public static ChainEntry decode(byte[] encoded) throws MalformedEntryException {
        try {
            CanonicalReader in = new CanonicalReader(encoded);
            if (in.u8() != VERSION) {
                throw new MalformedEntryException("unsupported chain entry version");
            }
            long sequence = in.u64();
            if (sequence < 0) {
                throw new MalformedEntryException("sequence out of range");
            }
            byte[] previous = in.fixed(HASH_LENGTH);
            byte[] author = in.fixed(HASH_LENGTH);
            byte[] payload = in.bytes(MAX_PAYLOAD);
            byte[] signature = in.fixed(SigningPublicKey.SIGNATURE_LENGTH);
            in.end();
            return new ChainEntry(sequence, previous, author, payload, signature);
        } catch (IllegalArgumentException e) {
            throw new MalformedEntryException("malformed chain entry");
        }
    }

    /** SHA-256 over the entry-hash label and {@link #encode()}: what the next entry names. */
    public byte[] hash() {
        return Hashes.sha256(Canonical.start().label(Labels.CHAIN_ENTRY_HASH).toByteArray(), encode());
    }

    public long sequence() {
        return sequence;
    }

    public byte[] previousHash() {
        return previousHash.clone();
    }

    public byte[] authorKeyId() {
        return authorKeyId.clone();
    }

    public byte[] payload() {
        return payload.clone();
    }

    boolean hasHash(byte[] hash) {
        return MessageDigest.isEqual(hash(), hash);
    }

    @Override
    public String toString() {
        return "ChainEntry(" + sequence + ", " + HexFormat.of().formatHex(hash()) + ")";
    }
}
