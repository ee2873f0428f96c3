package org.palermo.security.states;

import java.util.Locale;

/** What a certified State account does for its State in the Review Mechanism. */
public enum StateFunction {
    /** The State Party's focal point for the Review Mechanism. */
    FOCAL_POINT(1, "focal-point"),
    /** A governmental expert taking part in reviews. */
    GOVERNMENTAL_EXPERT(2, "governmental-expert");

    private final int code;
    private final String label;

    StateFunction(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The code in the canonical encoding. */
    public int code() {
        return code;
    }

    /** The name people type and read ({@code focal-point}, {@code governmental-expert}). */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static StateFunction fromCode(int code) {
        for (StateFunction f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown State function code " + code);
    }

    /** @throws IllegalArgumentException for an unknown label, naming the known ones */
    public static StateFunction parse(String label) {
        String wanted = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        for (StateFunction f : values()) {
            if (f.label.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("a State function is focal-point or governmental-expert");
    }
}
