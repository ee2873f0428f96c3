package org.palermo.security.manifest;

import org.palermo.security.internal.Codes;

/**
 * Who may read a document version (DESIGN.md, disclosure levels). The level is signed inside
 * the document manifest, so the server cannot change it unnoticed (ATTACKS.md class 12).
 */
public enum DisclosureLevel {
    /** Readable by current workspace members only. */
    CONFIDENTIAL(1, "confidential"),
    /** Also readable by chosen, verified State accounts. */
    STATES_ONLY(2, "states-only"),
    /** Released to anyone, from a public URL. */
    PUBLIC(3, "public");

    private final int code;
    private final String label;

    DisclosureLevel(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The byte written in the manifest: 1, 2 or 3. */
    public int code() {
        return code;
    }

    /** The name people and the HTTP API use: {@code confidential}, {@code states-only}, ... */
    public String label() {
        return label;
    }

    /** The level with this code; {@link IllegalArgumentException} for any other. */
    public static DisclosureLevel fromCode(int code) {
        return Codes.byCode(values(), DisclosureLevel::code, code, "disclosure level");
    }

    /**
     * The level with this {@link #label()}, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException naming the accepted labels
     */
    public static DisclosureLevel parse(String label) {
        return Codes.byLabel(values(), DisclosureLevel::label, label, "disclosure level");
    }
}
