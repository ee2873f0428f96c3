package org.palermo.security.ids;

/** The random 128-bit id of a document. */
public final class DocumentId extends Id128 {
    private DocumentId(byte[] value) {
        super(value);
    }

    /** A fresh random id. */
    public static DocumentId random() {
        return new DocumentId(randomBytes());
    }

    /** The id with these 16 bytes. */
    public static DocumentId of(byte[] value) {
        return new DocumentId(value);
    }

    /** The id written as 32 hex digits. */
    public static DocumentId parse(String hex) {
        return new DocumentId(parseHex(hex));
    }
}
