package org.palermo.security.sign;

import org.palermo.security.Labels;
import org.palermo.security.internal.Canonical;

/**
 * What a signature is for. Every Ed25519 signature in Palermo is made over
 * {@code len(label) || label || message}, so a signature made for one purpose never verifies
 * for another (ATTACKS.md class 6).
 */
public enum SignaturePurpose {
    MEMBERSHIP_ENTRY(Labels.SIGN_MEMBERSHIP_ENTRY),
    AUDIT_ENTRY(Labels.SIGN_AUDIT_ENTRY),
    DOCUMENT_MANIFEST(Labels.SIGN_DOCUMENT_MANIFEST),
    DISCLOSURE_CHANGE(Labels.SIGN_DISCLOSURE_CHANGE),
    STATE_CERTIFICATE(Labels.SIGN_STATE_CERTIFICATE),
    LOGIN_CHALLENGE(Labels.SIGN_LOGIN_CHALLENGE);

    private final String label;

    SignaturePurpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The exact bytes Ed25519 signs: the length-prefixed label, then the canonical message. */
    public byte[] signedBytes(byte[] canonicalMessage) {
        byte[] prefix = Canonical.start().label(label).toByteArray();
        byte[] out = new byte[prefix.length + canonicalMessage.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(canonicalMessage, 0, out, prefix.length, canonicalMessage.length);
        return out;
    }
}
