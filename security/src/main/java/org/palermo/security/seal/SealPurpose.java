package org.palermo.security.seal;

import org.palermo.security.Labels;

/** What a sealed stream holds; each purpose has its own context label. */
public enum SealPurpose {
    /** The bytes of one version of a document. */
    DOCUMENT_CONTENT(Labels.SEAL_DOCUMENT_CONTENT),
    /** The metadata (title, file name, type, tags) of one version of a document. */
    DOCUMENT_METADATA(Labels.SEAL_DOCUMENT_METADATA),
    /**
     * The untouched original file of one version, kept beside the copy whose metadata
     * (EXIF/XMP/GPS, document properties) the client stripped, for readers who need it as
     * evidence.
     */
    DOCUMENT_ORIGINAL(Labels.SEAL_DOCUMENT_ORIGINAL);

    private final String label;

    SealPurpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
