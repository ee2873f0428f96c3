package org.palermo.security.ids;

/** The random 128-bit id of a workspace. */
public final class WorkspaceId extends Id128 {
    private WorkspaceId(byte[] value) {
        super(value);
    }

    /** A fresh random id. */
    public static WorkspaceId random() {
        return new WorkspaceId(randomBytes());
    }

    /** The id with these 16 bytes. */
    public static WorkspaceId of(byte[] value) {
        return new WorkspaceId(value);
    }

    /** The id written as 32 hex digits. */
    public static WorkspaceId parse(String hex) {
        return new WorkspaceId(parseHex(hex));
    }
}
