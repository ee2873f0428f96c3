package org.palermo.security.ids;

/** The random 128-bit id of a invitation. */
public final class InvitationId extends Id128 {
    private InvitationId(byte[] value) {
        super(value);
    }

    /** A fresh random id. */
    public static InvitationId random() {
        return new InvitationId(randomBytes());
    }

    /** The id with these 16 bytes. */
    public static InvitationId of(byte[] value) {
        return new InvitationId(value);
    }

    /** The id written as 32 hex digits. */
    public static InvitationId parse(String hex) {
        return new InvitationId(parseHex(hex));
    }
}
