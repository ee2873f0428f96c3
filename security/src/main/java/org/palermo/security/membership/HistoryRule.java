package org.palermo.security.membership;

import org.palermo.security.internal.Codes;

/**
 * Whether a member who joins may read what was shared before: set when the workspace is
 * created, recorded in its first membership entry, and shown to everyone who joins.
 */
public enum HistoryRule {
    /** A new member receives epoch keys from the first epoch started after they joined. */
    JOIN_ONWARD(0, "join-onward"),
    /** A new member also receives every earlier epoch key, so reads the whole history. */
    FULL_HISTORY(1, "full-history");

    private final int code;
    private final String label;

    HistoryRule(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The byte written in the membership log: 0 or 1. */
    public int code() {
        return code;
    }

    /** The name people type: {@code join-onward} or {@code full-history}. */
    public String label() {
        return label;
    }

    /** The rule with this code; {@link IllegalArgumentException} for any other. */
    public static HistoryRule fromCode(int code) {
        return Codes.byCode(values(), HistoryRule::code, code, "history rule");
    }

    /**
     * The rule with this {@link #label()}, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException naming the rules there are
     */
    public static HistoryRule parse(String label) {
        return Codes.byLabel(values(), HistoryRule::label, label, "history rule");
    }
}
