package org.palermo.security.states;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** A State as its ISO 3166-1 alpha-3 code ({@code MEX}, {@code ZWE}), as the JDK knows them. */
public record StateCode(String alpha3) {
    private static final Set<String> KNOWN =
            Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3));

    /** @throws IllegalArgumentException unless an ISO 3166-1 alpha-3 code, in upper case */
    public StateCode {
        Objects.requireNonNull(alpha3, "alpha3");
        if (!KNOWN.contains(alpha3)) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-3 code: '" + alpha3 + "'");
        }
    }

    /** Reads what a person typed ({@code mex} or {@code MEX}). */
    public static StateCode parse(String text) {
        return new StateCode(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
    }

    byte[] encode() {
        return alpha3.getBytes(StandardCharsets.US_ASCII);
    }

    static StateCode decode(byte[] ascii) {
        return new StateCode(new String(ascii, StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return alpha3;
    }
}
