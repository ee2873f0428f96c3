package org.palermo.security.passphrase;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.Labels;
import org.palermo.security.bundle.BundleKey;
import org.palermo.security.internal.Canonical;

/**
 * Keys derived from a passphrase: Argon2id (RFC 9106) over the passphrase (Unicode NFC, UTF-8)
 * gives 32 bytes, which HKDF-SHA256 splits with distinct labels into an authentication key and
 * a key-bundle key.
 *
 * <p>Guarantees: the two keys are independent (knowing the authentication key, which the server
 * sees at login, tells nothing about the key-bundle key); testing a guess against either costs
 * a full Argon2id run at parameters no weaker than the pinned minimum (ATTACKS.md class 22).
 */
public final class PassphraseKeys {
    static final int MASTER_LENGTH = 32;

    private final byte[] authenticationKey;
    private final BundleKey bundleKey;

    private PassphraseKeys(byte[] authenticationKey, BundleKey bundleKey) {
        this.authenticationKey = authenticationKey;
        this.bundleKey = bundleKey;
    }

    /** Runs Argon2id at {@code parameters} (already checked against the pinned bounds) and splits the result. */
    public static PassphraseKeys derive(char[] passphrase, Argon2idParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        byte[] password = utf8(Normalizer.normalize(CharBuffer.wrap(passphrase), Normalizer.Form.NFC));
        byte[] master = Argon2id.hash(password, parameters.salt(), null, null,
                parameters.iterations(), parameters.memoryKiB(), parameters.parallelism(), MASTER_LENGTH);
        Arrays.fill(password, (byte) 0);
        try {
            return split(master);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    static PassphraseKeys split(byte[] master) {
        byte[] auth = Hkdf.sha256(master, null, Canonical.start().label(Labels.PASSPHRASE_AUTH_KEY).toByteArray(), 32);
        byte[] bundle = Hkdf.sha256(master, null, Canonical.start().label(Labels.PASSPHRASE_BUNDLE_KEY).toByteArray(), 32);
        try {
            return new PassphraseKeys(auth, BundleKey.fromBytes(bundle, BundleKey.Slot.PASSPHRASE, InsecureSecretKeyAccess.get()));
        } finally {
            Arrays.fill(bundle, (byte) 0); // BundleKey keeps its own copy
        }
    }

    private static byte[] utf8(String s) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(s);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * The authentication key (a copy), sent to the server at login; the server stores only a hash
     * of it. It opens nothing (the key bundle needs {@link #bundleKey()}), but it is a secret that
     * logs the account in, so getting its bytes needs the access token like every raw key.
     */
    public byte[] authenticationKey(InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        return authenticationKey.clone();
    }

    /** The key that opens the passphrase slot of the key bundle; it never leaves the client. */
    public BundleKey bundleKey() {
        return bundleKey;
    }

    @Override
    public String toString() {
        return "PassphraseKeys(hidden)";
    }
}
