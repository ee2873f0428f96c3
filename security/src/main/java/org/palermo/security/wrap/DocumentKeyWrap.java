package org.palermo.security.wrap;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.Labels;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.Rng;
import org.palermo.security.keys.SymmetricKey;

/**
 * Wraps the key of one document version under a workspace epoch key with AES-256-GCM (through
 * the JDK), so that every member holding the epoch key can read the version and adding a member
 * costs one wrap per epoch, not one per document.
 *
 * <p>Guarantees: the wrapped key opens only under the same epoch key and for the same
 * workspace, document, version and epoch (all bound as associated data, ATTACKS.md class 10);
 * any change to the wrapped bytes is detected; every failure is one {@link KeyUnwrapException}
 * with one message (class 2). Who wrapped the key is not authenticated here: the wrapped key
 * is accepted only inside a signed document manifest (class 14). The nonce is random (96 bits)
 * per wrap; an epoch key wraps far fewer than 2^32 keys.
 *
 * <p>Format (61 bytes): {@code version 0x01 || nonce (12) || AES-256-GCM ciphertext of the
 * 32-byte key (32) || tag (16)}; associated data {@code label || 0x01 || workspace (16) ||
 * document (16) || version (u64) || epoch (u64)}.
 */
public final class DocumentKeyWrap {
    /** Format version written first and bound in the associated data. */
    public static final byte VERSION = 0x01;
    /** Length of a wrapped document key. */
    public static final int WRAPPED_LENGTH = 1 + WrapAesGcm.NONCE_LENGTH + SymmetricKey.LENGTH
            + WrapAesGcm.TAG_LENGTH;

    private DocumentKeyWrap() {
    }

    /**
     * Wraps {@code documentKey} under {@code epochKey} for one document version, with a fresh
     * random nonce.
     *
     * @throws IllegalArgumentException if {@code version} or {@code epoch} is below 1
     */
    public static byte[] wrap(SymmetricKey documentKey, SymmetricKey epochKey,
            WorkspaceId workspace, DocumentId document, long version, long epoch) {
        return wrap(documentKey, epochKey, workspace, document, version, epoch,
                Rng.bytes(WrapAesGcm.NONCE_LENGTH));
    }

    /** As the public {@code wrap}, with the nonce given: for the FORMAT.md test vector. */
    static byte[] wrap(SymmetricKey documentKey, SymmetricKey epochKey, WorkspaceId workspace,
            DocumentId document, long version, long epoch, byte[] nonce) {
        Objects.requireNonNull(documentKey, "documentKey");
        Objects.requireNonNull(epochKey, "epochKey");
        if (version < 1 || epoch < 1) {
            throw new IllegalArgumentException("document versions and epochs start at 1");
        }
        byte[] aad = associatedData(workspace, document, version, epoch);
        byte[] raw = documentKey.toBytes(InsecureSecretKeyAccess.get());
        byte[] kek = epochKey.toBytes(InsecureSecretKeyAccess.get());
        try {
            byte[] ct = WrapAesGcm.seal(kek, nonce, aad, raw);
            byte[] out = new byte[WRAPPED_LENGTH];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, WrapAesGcm.NONCE_LENGTH);
            System.arraycopy(ct, 0, out, 1 + WrapAesGcm.NONCE_LENGTH, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(kek, (byte) 0);
        }
    }

    /**
     * Unwraps a document key wrapped by {@link #wrap} under the same epoch key and binding.
     *
     * @throws KeyUnwrapException for every kind of failure (wrong key, workspace, document,
     *     version or epoch, any changed, missing or extra byte, another format version), with
     *     one message
     */
    public static SymmetricKey unwrap(byte[] wrapped, SymmetricKey epochKey, WorkspaceId workspace,
            DocumentId document, long version, long epoch) throws KeyUnwrapException {
        Objects.requireNonNull(epochKey, "epochKey");
        if (wrapped == null || wrapped.length != WRAPPED_LENGTH || wrapped[0] != VERSION
                || version < 1 || epoch < 1) {
            throw new KeyUnwrapException();
        }
        byte[] aad = associatedData(workspace, document, version, epoch);
        byte[] nonce = Arrays.copyOfRange(wrapped, 1, 1 + WrapAesGcm.NONCE_LENGTH);
        byte[] ct = Arrays.copyOfRange(wrapped, 1 + WrapAesGcm.NONCE_LENGTH, WRAPPED_LENGTH);
        byte[] kek = epochKey.toBytes(InsecureSecretKeyAccess.get());
        byte[] key = null;
        try {
            key = WrapAesGcm.open(kek, nonce, aad, ct);
            return SymmetricKey.fromBytes(key, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyUnwrapException();
        } finally {
            Arrays.fill(kek, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** {@code label || 0x01 || workspace || document || version (u64) || epoch (u64)}. */
    static byte[] associatedData(WorkspaceId workspace, DocumentId document, long version,
            long epoch) {
        return Canonical.start()
                .label(Labels.WRAP_DOCUMENT_KEY_UNDER_EPOCH)
                .u8(VERSION)
                .fixed(Objects.requireNonNull(workspace, "workspace").toBytes(), Id128.LENGTH)
                .fixed(Objects.requireNonNull(document, "document").toBytes(), Id128.LENGTH)
                .u64(version)
                .u64(epoch)
                .toByteArray();
    }
}
