package org.palermo.security.states;

import org.palermo.security.internal.Codes;

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
        return Codes.byCode(values(), StateFunction::code, code, "State function");
    }

    /** @throws IllegalArgumentException for an unknown label, naming the known ones */
    public static StateFunction parse(String label) {
        return Codes.byLabel(values(), StateFunction::label, label, "State function");
    }
}
