package org.palermo.security.membership;

import java.util.Locale;
import org.palermo.security.internal.Codes;

/** What a member may do in a workspace. The code is what the membership log records. */
public enum Role {
    /** Manages members (invites, removes, changes roles, starts epochs) and writes documents. */
    OWNER(1),
    /** Writes documents, and changes other members' documents. */
    EDITOR(2),
    /** Writes documents of their own. */
    CONTRIBUTOR(3),
    /** Reads only. */
    VIEWER(4);

    private final int code;

    Role(int code) {
        this.code = code;
    }

    /** The byte written in the membership log: 1 to 4. */
    public int code() {
        return code;
    }

    /** The role with this code; {@link IllegalArgumentException} for any other. */
    public static Role fromCode(int code) {
        return Codes.byCode(values(), Role::code, code, "role");
    }

    /** The lower-case name people type: {@code owner}, {@code editor}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role with this name, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException naming the roles there are
     */
    public static Role parse(String name) {
        return Codes.byLabel(values(), Role::label, name, "role");
    }

    /** Whether this role invites, removes and changes members and starts epochs: owners only. */
    public boolean managesMembers() {
        return this == OWNER;
    }

    /** Whether this role writes documents: owners, editors and contributors. */
    public boolean writesDocuments() {
        return this != VIEWER;
    }

    /** Whether this role changes documents other members wrote: owners and editors. */
    public boolean changesOthersDocuments() {
        return this == OWNER || this == EDITOR;
    }
}
