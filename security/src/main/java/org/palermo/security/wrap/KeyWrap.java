package org.palermo.security.wrap;

import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.AgreementPublicKey;
import org.palermo.security.keys.InvalidKeyEncodingException;
import org.palermo.security.keys.SymmetricKey;

/**
 * Wraps a {@link SymmetricKey} to a recipient's X25519 key with HPKE (RFC 9180) base mode,
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, from Bouncy Castle.
 *
 * <p>Guarantees: only the holder of the recipient's private key can unwrap, and only under the
 * same {@link WrapInfo}; any change to the wrapped bytes is detected. The sender is not
 * authenticated by this layer: a wrapped key must come with a signature (membership log,
 * document manifest) that says who made it (ATTACKS.md class 14). An encapsulated key of small
 * order (all-zero shared secret) is refused.
 *
 * <p>Format (81 bytes): {@code version 0x01 || enc (32, X25519 ephemeral public key) ||
 * AES-256-GCM ciphertext of the 32-byte key (48)}; the version byte is also the HPKE AAD.
 */
public final class KeyWrap {
    /** Format version written first and bound as AAD. */
    public static final byte VERSION = 0x01;
    /** Length of a wrapped key. */
    public static final int WRAPPED_LENGTH = 1 + Hpke.ENC_LENGTH + SymmetricKey.LENGTH + 16;
    private static final byte[] AAD = {VERSION};

    private KeyWrap() {
    }

    /** Wraps {@code key} to {@code recipient} for {@code info}; a fresh ephemeral key each call. */
    public static byte[] wrap(SymmetricKey key, AgreementPublicKey recipient, WrapInfo info) {
        Objects.requireNonNull(key, "key");
        byte[] raw = key.toBytes(InsecureSecretKeyAccess.get());
        try {
            byte[][] encAndCt = Hpke.seal(recipient.raw(), info.encode(), AAD, raw, null);
            byte[] out = new byte[WRAPPED_LENGTH];
            out[0] = VERSION;
            System.arraycopy(encAndCt[0], 0, out, 1, Hpke.ENC_LENGTH);
            System.arraycopy(encAndCt[1], 0, out, 1 + Hpke.ENC_LENGTH, encAndCt[1].length);
            return out;
        } catch (org.bouncycastle.crypto.InvalidCipherTextException | RuntimeException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Unwraps a key wrapped to {@code recipient} for {@code info}.
     *
     * @throws KeyUnwrapException for every kind of failure, with one message
     */
    public static SymmetricKey unwrap(byte[] wrapped, AgreementKeyPair recipient, WrapInfo info) throws KeyUnwrapException {
        if (wrapped.length != WRAPPED_LENGTH || wrapped[0] != VERSION) {
            throw new KeyUnwrapException();
        }
        byte[] enc = Arrays.copyOfRange(wrapped, 1, 1 + Hpke.ENC_LENGTH);
        byte[] ct = Arrays.copyOfRange(wrapped, 1 + Hpke.ENC_LENGTH, WRAPPED_LENGTH);
        byte[] privateKey = recipient.toBytes(InsecureSecretKeyAccess.get());
        byte[] key = null;
        try {
            AgreementPublicKey.fromRaw(enc); // refuses a small-order point: its shared secret is all zero
            key = Hpke.open(enc, privateKey, recipient.publicKey().raw(), info.encode(), AAD, ct);
            return SymmetricKey.fromBytes(key, InsecureSecretKeyAccess.get());
        } catch (InvalidKeyEncodingException | org.bouncycastle.crypto.InvalidCipherTextException | RuntimeException e) {
            throw new KeyUnwrapException();
        } finally {
            // Zero the copies this method made (the handles keep their own); Bouncy Castle's
            // internal copies are beyond reach.
            Arrays.fill(privateKey, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
