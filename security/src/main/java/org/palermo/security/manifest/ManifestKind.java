package org.palermo.security.manifest;

/** What a document manifest records: a new version of the document, or its deletion. */
public enum ManifestKind {
    /** A new version, with sealed content, metadata and a wrapped key. */
    VERSION(1),
    /** The document is deleted from this version on; nothing is sealed. */
    TOMBSTONE(2);

    private final int code;

    ManifestKind(int code) {
        this.code = code;
    }

    /** The byte written in the manifest: 1 or 2. */
    public int code() {
        return code;
    }

    /** The kind with this code; {@link IllegalArgumentException} for any other. */
    public static ManifestKind fromCode(int code) {
        for (ManifestKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown manifest kind code " + code);
    }
}
