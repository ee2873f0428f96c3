package org.palermo.security.membership;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.Labels;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.Rng;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.wrap.KeyUnwrapException;

/**
 * A workspace's name, sealed with AES-256-GCM (through the JDK) under the workspace's epoch-1
 * key, so the server stores it without reading it; the Create entry of the membership log
 * carries it, signed by the owner.
 *
 * <p>Format: {@code version 0x01 || nonce (12, random) || AES-256-GCM ciphertext of the UTF-8
 * name || tag (16)}; associated data {@code label("palermo/seal/workspace-name/v1") ||
 * workspace (16)}. Guarantees: only holders of the epoch-1 key read the name; a sealed name
 * moved to another workspace or changed does not open; every failure is one
 * {@link KeyUnwrapException} with one message. The name's length (1 to 200 bytes) is not
 * hidden.
 */
public final class WorkspaceName {
    /** Format version written first. */
    public static final byte VERSION = 0x01;
    /** Longest name, in UTF-8 bytes after trimming. */
    public static final int MAX_NAME_BYTES = 200;
    private static final int OVERHEAD = 1 + NameAesGcm.NONCE_LENGTH + NameAesGcm.TAG_LENGTH;

    private WorkspaceName() {
    }

    /**
     * Seals {@code name}, trimmed of surrounding white space, with a fresh random nonce.
     *
     * @throws IllegalArgumentException if the trimmed name is empty or longer than 200 UTF-8
     *     bytes
     */
    public static byte[] seal(String name, SymmetricKey epochKey, WorkspaceId workspace) {
        return seal(name, epochKey, workspace, Rng.bytes(NameAesGcm.NONCE_LENGTH));
    }

    /** As the public {@code seal}, with the nonce given: for the FORMAT.md test vector. */
    static byte[] seal(String name, SymmetricKey epochKey, WorkspaceId workspace, byte[] nonce) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(epochKey, "epochKey");
        byte[] plain = name.strip().getBytes(StandardCharsets.UTF_8);
        if (plain.length == 0 || plain.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("a workspace name is 1 to " + MAX_NAME_BYTES
                    + " bytes of UTF-8 after trimming");
        }
        byte[] aad = associatedData(workspace);
        byte[] key = epochKey.toBytes(InsecureSecretKeyAccess.get());
        try {
            byte[] ct = NameAesGcm.seal(key, nonce, aad, plain);
            byte[] out = new byte[1 + NameAesGcm.NONCE_LENGTH + ct.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NameAesGcm.NONCE_LENGTH);
            System.arraycopy(ct, 0, out, 1 + NameAesGcm.NONCE_LENGTH, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Opens a sealed name.
     *
     * @throws KeyUnwrapException for every failure (another key or workspace, changed, missing
     *     or extra bytes, another version, a plaintext that is not a name), with one message
     */
    public static String open(byte[] sealed, SymmetricKey epochKey, WorkspaceId workspace)
            throws KeyUnwrapException {
        Objects.requireNonNull(epochKey, "epochKey");
        if (sealed == null || sealed.length < OVERHEAD + 1
                || sealed.length > OVERHEAD + MAX_NAME_BYTES || sealed[0] != VERSION) {
            throw new KeyUnwrapException();
        }
        byte[] aad = associatedData(workspace);
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NameAesGcm.NONCE_LENGTH);
        byte[] ct = Arrays.copyOfRange(sealed, 1 + NameAesGcm.NONCE_LENGTH, sealed.length);
        byte[] key = epochKey.toBytes(InsecureSecretKeyAccess.get());
        try {
            byte[] plain = NameAesGcm.open(key, nonce, aad, ct);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain)).toString();
        } catch (GeneralSecurityException | CharacterCodingException | RuntimeException e) {
            throw new KeyUnwrapException();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** {@code label || workspace (16)}. */
    static byte[] associatedData(WorkspaceId workspace) {
        return Canonical.start()
                .label(Labels.SEAL_WORKSPACE_NAME)
                .fixed(Objects.requireNonNull(workspace, "workspace").toBytes(), Id128.LENGTH)
                .toByteArray();
    }
}
