package org.palermo.security.passphrase;

import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.internal.Rng;

/**
 * Argon2id cost parameters and salt, as the server stores and advertises them.
 *
 * <p>The client pins a minimum ({@link #MINIMUM_ITERATIONS} = 3, {@link #MINIMUM_MEMORY_KIB} =
 * 64 MiB, {@link #MINIMUM_PARALLELISM} = 1, RFC 9106 version 0x13, 16-byte salt) and refuses
 * anything weaker (ATTACKS.md classes 7 and 22), and a maximum so that a hostile server cannot
 * make a client exhaust its memory or time.
 *
 * <p>Encoding: {@code version 0x13 || iterations (u32) || memory KiB (u32) || parallelism (u8)
 * || salt length (u8) || salt}.
 */
public final class Argon2idParameters {
    public static final int VERSION = 0x13;
    public static final int MINIMUM_ITERATIONS = 3;
    public static final int MINIMUM_MEMORY_KIB = 64 * 1024;
    public static final int MINIMUM_PARALLELISM = 1;
    public static final int MINIMUM_SALT_LENGTH = 16;
    public static final int MAXIMUM_ITERATIONS = 20;
    public static final int MAXIMUM_MEMORY_KIB = 1024 * 1024;
    public static final int MAXIMUM_PARALLELISM = 8;
    public static final int MAXIMUM_SALT_LENGTH = 64;

    private final int iterations;
    private final int memoryKiB;
    private final int parallelism;
    private final byte[] salt;

    private Argon2idParameters(int iterations, int memoryKiB, int parallelism, byte[] salt) throws RefusedParametersException {
        if (iterations < MINIMUM_ITERATIONS || memoryKiB < MINIMUM_MEMORY_KIB || parallelism < MINIMUM_PARALLELISM
                || salt.length < MINIMUM_SALT_LENGTH) {
            throw new RefusedParametersException("Argon2id parameters below the pinned minimum (t=3, m=64 MiB, p=1, 16-byte salt)");
        }
        if (iterations > MAXIMUM_ITERATIONS || memoryKiB > MAXIMUM_MEMORY_KIB || parallelism > MAXIMUM_PARALLELISM
                || salt.length > MAXIMUM_SALT_LENGTH) {
            throw new RefusedParametersException("Argon2id parameters above the pinned maximum (t=20, m=1 GiB, p=8, 64-byte salt)");
        }
        this.iterations = iterations;
        this.memoryKiB = memoryKiB;
        this.parallelism = parallelism;
        this.salt = salt.clone();
    }

    /** The minimum parameters with a fresh random 16-byte salt: what a new account uses. */
    public static Argon2idParameters recommended() {
        try {
            return new Argon2idParameters(MINIMUM_ITERATIONS, MINIMUM_MEMORY_KIB, MINIMUM_PARALLELISM, Rng.bytes(16));
        } catch (RefusedParametersException e) {
            throw new IllegalStateException("the minimum is acceptable", e);
        }
    }

    /** Parameters as given, checked against the pinned bounds. */
    public static Argon2idParameters of(int iterations, int memoryKiB, int parallelism, byte[] salt)
            throws RefusedParametersException {
        return new Argon2idParameters(iterations, memoryKiB, parallelism, Objects.requireNonNull(salt, "salt"));
    }

    /** Parses what the server advertises; refuses another version, weaker or excessive parameters, or bad bytes. */
    public static Argon2idParameters decode(byte[] encoded) throws RefusedParametersException {
        try {
            CanonicalReader in = new CanonicalReader(encoded);
            int version = in.u8();
            if (version != VERSION) {
                throw new RefusedParametersException("Argon2 version " + version + " refused; only 0x13 (RFC 9106)");
            }
            long t = in.u32();
            long m = in.u32();
            int p = in.u8();
            byte[] salt = in.fixed(in.u8());
            in.end();
            return of((int) Math.min(t, Integer.MAX_VALUE), (int) Math.min(m, Integer.MAX_VALUE), p, salt);
        } catch (IllegalArgumentException e) {
            throw new RefusedParametersException("malformed Argon2id parameters");
        }
    }

    public byte[] encode() {
        return Canonical.start().u8(VERSION).u32(iterations).u32(memoryKiB).u8(parallelism)
                .u8(salt.length).fixed(salt, salt.length).toByteArray();
    }

    public int iterations() {
        return iterations;
    }

    public int memoryKiB() {
        return memoryKiB;
    }

    public int parallelism() {
        return parallelism;
    }

    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Argon2idParameters && Arrays.equals(encode(), ((Argon2idParameters) other).encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "Argon2id(t=" + iterations + ", m=" + memoryKiB + " KiB, p=" + parallelism + ")";
    }
}
