package org.palermo.security.keys;

/**
 * The type byte and version byte that precede every public key's raw 32 bytes in Palermo's
 * encoding ({@code type || version || raw}, 34 bytes).
 */
enum KeyType {
    ED25519((byte) 0x01),
    X25519((byte) 0x02);

    static final byte VERSION_1 = 0x01;
    static final int RAW_LENGTH = 32;
    static final int ENCODED_LENGTH = 2 + RAW_LENGTH;

    final byte tag;

    KeyType(byte tag) {
        this.tag = tag;
    }

    byte[] encode(byte[] raw) {
        byte[] out = new byte[ENCODED_LENGTH];
        out[0] = tag;
        out[1] = VERSION_1;
        System.arraycopy(raw, 0, out, 2, RAW_LENGTH);
        return out;
    }

    byte[] decode(byte[] encoded) throws InvalidKeyEncodingException {
        if (encoded.length != ENCODED_LENGTH) {
            throw new InvalidKeyEncodingException("a public key encoding is " + ENCODED_LENGTH + " bytes");
        }
        if (encoded[0] != tag) {
            throw new InvalidKeyEncodingException("not a " + name() + " public key");
        }
        if (encoded[1] != VERSION_1) {
            throw new InvalidKeyEncodingException("unsupported public key version " + (encoded[1] & 0xff));
        }
        byte[] raw = new byte[RAW_LENGTH];
        System.arraycopy(encoded, 2, raw, 0, RAW_LENGTH);
        return raw;
    }
}
