package org.palermo.security.internal;

import java.security.SecureRandom;

/** The module's one source of randomness: the platform's default {@link SecureRandom}. Internal. */
public final class Rng {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Rng() {
    }

    public static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }

    public static SecureRandom secureRandom() {
        return RANDOM;
    }
}
