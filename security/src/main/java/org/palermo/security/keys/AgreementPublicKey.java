package org.palermo.security.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An X25519 public key (RFC 7748), held as its raw 32 bytes and encoded as
 * {@code 0x02 (X25519) || 0x01 (version) || raw}.
 *
 * <p>Guarantees: one key has one encoding (a value with the top bit set or not reduced modulo
 * 2^255 - 19 is refused), and a key of small order (one whose shared secret with any private
 * key is all zero) is refused when parsed, so no key agreement with it can happen.
 */
public final class AgreementPublicKey {
    private final byte[] raw;

    private AgreementPublicKey(byte[] raw) {
        this.raw = raw;
    }

    /**
     * Parses raw 32 bytes; refuses a non-canonical encoding (the top bit set, or a value of at
     * least 2^255 - 19: RFC 7748 readers reduce these to another value, so one key would have
     * several encodings) and a small-order point.
     */
    public static AgreementPublicKey fromRaw(byte[] raw) throws InvalidKeyEncodingException {
        if (raw.length != KeyType.RAW_LENGTH) {
            throw new InvalidKeyEncodingException("an X25519 public key is 32 bytes");
        }
        if (!X25519.isCanonical(raw)) {
            throw new InvalidKeyEncodingException("X25519 public key not canonically encoded");
        }
        if (X25519.isSmallOrder(raw)) {
            throw new InvalidKeyEncodingException("X25519 public key of small order");
        }
        return new AgreementPublicKey(raw.clone());
    }

    /** Parses the 34-byte tagged encoding. */
    public static AgreementPublicKey decode(byte[] encoded) throws InvalidKeyEncodingException {
        return fromRaw(KeyType.X25519.decode(encoded));
    }

    public byte[] encode() {
        return KeyType.X25519.encode(raw);
    }

    /** The raw 32 bytes, as RFC 7748, RFC 9180 and WebCrypto write them. */
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgreementPublicKey && MessageDigest.isEqual(raw, ((AgreementPublicKey) other).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "X25519:" + HexFormat.of().formatHex(raw);
    }
}
