package org.palermo.security.chain;

import org.palermo.security.sign.SignaturePurpose;

/** Which signed hash chain an entry belongs to; each kind signs with its own purpose label. */
public enum ChainKind {
    /** A workspace's membership log: adds, removals, role changes. */
    MEMBERSHIP(SignaturePurpose.MEMBERSHIP_ENTRY),
    /** A workspace's audit log. */
    AUDIT(SignaturePurpose.AUDIT_ENTRY),
    /** The public list of State certificates. */
    STATE_CERTIFICATES(SignaturePurpose.STATE_CERTIFICATE),
    /** A document's disclosure changes: its level, and approvals to publish. */
    DISCLOSURE(SignaturePurpose.DISCLOSURE_CHANGE);

    private final SignaturePurpose purpose;

    ChainKind(SignaturePurpose purpose) {
        this.purpose = purpose;
    }

    public SignaturePurpose purpose() {
        return purpose;
    }
}
