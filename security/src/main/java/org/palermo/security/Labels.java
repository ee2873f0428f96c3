package org.palermo.security;

import java.util.List;

/**
 * Every domain-separation label the module uses, in one reviewable list.
 *
 * <p>Each key derivation, context, signature and hash has its own label, so a value made for
 * one purpose is never accepted for another. Labels are ASCII, carry a version, and are always
 * written length-prefixed (one length byte, then the ASCII bytes), so no label is a prefix of
 * another's encoding. FORMAT.md lists the same values.
 */
public final class Labels {
    /** Cobblestone context of a document version's content. */
    public static final String SEAL_DOCUMENT_CONTENT = "palermo/seal/document-content/v1";
    /** Cobblestone context of a document version's metadata (title, file name, type, tags). */
    public static final String SEAL_DOCUMENT_METADATA = "palermo/seal/document-metadata/v1";
    /** Cobblestone context of a document version's untouched original (before stripping). */
    public static final String SEAL_DOCUMENT_ORIGINAL = "palermo/seal/document-original/v1";
    /** AES-256-GCM associated data of a workspace's name, sealed under its first epoch key. */
    public static final String SEAL_WORKSPACE_NAME = "palermo/seal/workspace-name/v1";

    /** HPKE info of an epoch key wrapped to a member. */
    public static final String WRAP_EPOCH_KEY = "palermo/wrap/epoch-key/v1";
    /** HPKE info of a document version key wrapped to a reader (a State account). */
    public static final String WRAP_DOCUMENT_KEY = "palermo/wrap/document-key/v1";
    /** AES-256-GCM associated data of a document version key wrapped under an epoch key. */
    public static final String WRAP_DOCUMENT_KEY_UNDER_EPOCH =
            "palermo/wrap/document-key-under-epoch/v1";

    public static final String SIGN_MEMBERSHIP_ENTRY = "palermo/sign/membership-entry/v1";
    public static final String SIGN_AUDIT_ENTRY = "palermo/sign/audit-entry/v1";
    public static final String SIGN_DOCUMENT_MANIFEST = "palermo/sign/document-manifest/v1";
    public static final String SIGN_DISCLOSURE_CHANGE = "palermo/sign/disclosure-change/v1";
    public static final String SIGN_STATE_CERTIFICATE = "palermo/sign/state-certificate/v1";
    public static final String SIGN_LOGIN_CHALLENGE = "palermo/sign/login-challenge/v1";

    /** SHA-256 key id of a signing public key (names the author of a chain entry). */
    public static final String KEY_ID = "palermo/key-id/v1";
    /** SHA-256 fingerprint of an identity (account, device, both public keys). */
    public static final String FINGERPRINT = "palermo/fingerprint/v1";
    /** SHA-256 verification code of an invitation. */
    public static final String VERIFICATION_CODE = "palermo/verification-code/v2";
    /** SHA-256 hash of a chain entry. */
    public static final String CHAIN_ENTRY_HASH = "palermo/chain/entry-hash/v1";

    /** HKDF-SHA256 info: passphrase to authentication key. */
    public static final String PASSPHRASE_AUTH_KEY = "palermo/passphrase/auth-key/v1";
    /** HKDF-SHA256 info: passphrase to key-bundle key. */
    public static final String PASSPHRASE_BUNDLE_KEY = "palermo/passphrase/key-bundle-key/v1";
    /** HKDF-SHA256 info: recovery key to key-bundle key. */
    public static final String RECOVERY_BUNDLE_KEY = "palermo/recovery/key-bundle-key/v1";
    /** AES-GCM associated data of the key bundle's passphrase slot. */
    public static final String BUNDLE_SLOT_PASSPHRASE = "palermo/key-bundle/slot/passphrase/v1";
    /** AES-GCM associated data of the key bundle's recovery slot. */
    public static final String BUNDLE_SLOT_RECOVERY = "palermo/key-bundle/slot/recovery/v1";
    /** AES-GCM associated data of the key bundle's body. */
    public static final String BUNDLE_BODY = "palermo/key-bundle/body/v1";

    /** All labels, for the distinctness test and FORMAT.md. */
    public static final List<String> ALL = List.of(
            SEAL_DOCUMENT_CONTENT, SEAL_DOCUMENT_METADATA, WRAP_EPOCH_KEY, WRAP_DOCUMENT_KEY,
            SIGN_MEMBERSHIP_ENTRY, SIGN_AUDIT_ENTRY, SIGN_DOCUMENT_MANIFEST, SIGN_DISCLOSURE_CHANGE,
            SIGN_STATE_CERTIFICATE, SIGN_LOGIN_CHALLENGE, KEY_ID, FINGERPRINT, VERIFICATION_CODE,
            CHAIN_ENTRY_HASH, PASSPHRASE_AUTH_KEY, PASSPHRASE_BUNDLE_KEY, RECOVERY_BUNDLE_KEY,
            BUNDLE_SLOT_PASSPHRASE, BUNDLE_SLOT_RECOVERY, BUNDLE_BODY, SEAL_DOCUMENT_ORIGINAL,
            SEAL_WORKSPACE_NAME, WRAP_DOCUMENT_KEY_UNDER_EPOCH);

    private Labels() {
    }
}
