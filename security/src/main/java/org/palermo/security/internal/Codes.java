package org.palermo.security.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Look-ups for the enums written into formats by a code and typed by people as a label (roles,
 * history rules, disclosure levels, State functions): one way to refuse an unknown one.
 */
public final class Codes {
    private Codes() {
    }

    /**
     * The value with this code.
     *
     * @throws IllegalArgumentException "unknown {what} code N" for any other
     */
    public static <E extends Enum<E>> E byCode(E[] values, ToIntFunction<E> code, int wanted,
            String what) {
        for (E value : values) {
            if (code.applyAsInt(value) == wanted) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " code " + wanted);
    }

    /**
     * The value with this label, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException naming the labels there are
     */
    public static <E extends Enum<E>> E byLabel(E[] values, Function<E, String> label,
            String typed, String what) {
        String wanted = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (label.apply(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + typed + "': expected one of "
                + Arrays.stream(values).map(label).collect(Collectors.joining(", ")));
    }
}
