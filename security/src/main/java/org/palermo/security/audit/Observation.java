package org.palermo.security.audit;

import org.palermo.security.internal.Codes;

/**
 * What the server alone sees and records in a workspace's audit log
 * ({@link AuditEvent.ServerObserved}). Each names a document version; some also name an account.
 */
public enum Observation {
    /** A State account fetched a document key granted to it; names that account. */
    GRANT_FETCHED(1, true),
    /** A version started being served to anyone, from a public URL. */
    PUBLIC_RELEASED(2, false),
    /** A version stopped being served publicly. */
    PUBLIC_WITHDRAWN(3, false),
    /** An upload of a version was begun and never completed; names the uploading account. */
    UPLOAD_ABANDONED(4, true);

    private final int code;
    private final boolean namesAccount;

    Observation(int code, boolean namesAccount) {
        this.code = code;
        this.namesAccount = namesAccount;
    }

    /** The byte written in the payload: 1 to 4. */
    public int code() {
        return code;
    }

    /** Whether the observation names an account (else its account field is absent). */
    public boolean namesAccount() {
        return namesAccount;
    }

    /** The observation with this code; {@link IllegalArgumentException} for any other. */
    public static Observation fromCode(int code) {
        return Codes.byCode(values(), Observation::code, code, "observation");
    }
}
