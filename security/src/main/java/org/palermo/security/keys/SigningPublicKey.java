package org.palermo.security.keys;

import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.palermo.security.Labels;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.Hashes;
import org.palermo.security.sign.SignaturePurpose;

/**
 * An Ed25519 public key (RFC 8032), held as its raw 32 bytes and encoded as
 * {@code 0x01 (Ed25519) || 0x01 (version) || raw}.
 *
 * <p>Guarantee: {@link #verify} accepts only a signature made by the matching private key for
 * the same {@link SignaturePurpose} and message. Keys whose encoding is not canonical, not on the
 * curve, or of small order are refused when parsed; signatures with a non-canonical S or R are
 * refused (Bouncy Castle's RFC 8032 checks, tested against Wycheproof).
 */
public final class SigningPublicKey {
    /** Length of a signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] raw;

    private SigningPublicKey(byte[] raw) {
        this.raw = raw;
    }

    /** Parses raw 32 bytes; refuses a non-canonical, off-curve or small-order point. */
    public static SigningPublicKey fromRaw(byte[] raw) throws InvalidKeyEncodingException {
        if (raw.length != KeyType.RAW_LENGTH) {
            throw new InvalidKeyEncodingException("an Ed25519 public key is 32 bytes");
        }
        if (!Ed25519.validatePublicKeyFull(raw, 0)) {
            throw new InvalidKeyEncodingException("not a valid Ed25519 public key");
        }
        return new SigningPublicKey(raw.clone());
    }

    /** Parses the 34-byte tagged encoding. */
    public static SigningPublicKey decode(byte[] encoded) throws InvalidKeyEncodingException {
        return fromRaw(KeyType.ED25519.decode(encoded));
    }

    /** The 34-byte tagged encoding. */
    public byte[] encode() {
        return KeyType.ED25519.encode(raw);
    }

    /** The raw 32 bytes, as WebCrypto and RFC 8032 write them. */
    public byte[] raw() {
        return raw.clone();
    }

    /** SHA-256 over the key id label and the tagged encoding: names the key in chain entries. */
    public byte[] keyId() {
        return Hashes.sha256(Canonical.start().label(Labels.KEY_ID).fixed(encode(), KeyType.ENCODED_LENGTH).toByteArray());
    }

    /**
     * Verifies a signature made by {@link SigningKeyPair#sign} for this purpose and message.
     *
     * @throws SignatureException if the signature is not valid (any reason, one error)
     */
    public void verify(SignaturePurpose purpose, byte[] canonicalMessage, byte[] signature) throws SignatureException {
        if (signature.length != SIGNATURE_LENGTH
                || !verifyRaw(raw, purpose.signedBytes(canonicalMessage), signature)) {
            throw new SignatureException("signature is not valid for this key and purpose");
        }
    }

    /** Plain RFC 8032 Ed25519 verification, without a purpose label: for test vectors only. */
    static boolean verifyRaw(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != KeyType.RAW_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningPublicKey && MessageDigest.isEqual(raw, ((SigningPublicKey) other).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519:" + HexFormat.of().formatHex(raw);
    }
}
