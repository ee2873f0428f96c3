package org.palermo.security.membership;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
        for (HistoryRule rule : values()) {
            if (rule.code == code) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown history rule code " + code);
    }

    /**
     * The rule with this {@link #label()}, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException naming the rules there are
     */
    public static HistoryRule parse(String label) {
        String wanted = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        for (HistoryRule rule : values()) {
            if (rule.label.equals(wanted)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown history rule '" + label
                + "': expected one of " + Arrays.stream(values()).map(HistoryRule::label)
                        .collect(Collectors.joining(", ")));
    }
}
