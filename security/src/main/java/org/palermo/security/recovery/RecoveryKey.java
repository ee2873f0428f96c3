package org.palermo.security.recovery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.Labels;
import org.palermo.security.bundle.BundleKey;
import org.palermo.security.internal.Canonical;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.palermo.security.internal.Rng;

/**
 * A printable recovery key made at registration: 256 random bits that open the key bundle's
 * recovery slot instead of the passphrase. No copy is held by the operator.
 *
 * <p>Printed form: 13 groups of 5 characters separated by '-', from Crockford's base-32 alphabet
 * ({@code 0-9 A-Z} without I, L, O, U). Each group is 4 data characters (20 bits; 52 data
 * characters carry the 256 bits and 4 zero bits) and 1 check character computed with the Luhn
 * mod 32 algorithm, its running sum started at {@code 2g + 1} for group g (counted from 0). The
 * check catches every single mistyped character, every swap of two adjacent characters except
 * "0Z" with "Z0", every exchange of two groups, and about 31 in 32 of all
 * other errors in a group; parsing names the first group that fails. Input is read
 * case-insensitively, with O read as 0 and I, L as 1, and spaces ignored.
 *
 * <p>Guarantee: the key bundle key is HKDF-SHA256 of the 256 bits under its own label; the
 * printed form is the only copy, and whoever holds it can open the bundle.
 */
public final class RecoveryKey {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int KEY_LENGTH = 32;
    static final int GROUPS = 13;
    static final int DATA_PER_GROUP = 4;
    static final int GROUP_LENGTH = DATA_PER_GROUP + 1;

    private final byte[] key;

    private RecoveryKey(byte[] key) {
        this.key = key;
    }

    public static RecoveryKey generate() {
        return new RecoveryKey(Rng.bytes(KEY_LENGTH));
    }

    /** The key with these 32 bytes (for tests and migration tools). */
    public static RecoveryKey fromBytes(byte[] key, InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a recovery key is 32 bytes");
        }
        return new RecoveryKey(key.clone());
    }

    /** The key that opens the recovery slot of the key bundle. */
    public BundleKey bundleKey() {
        // HKDF-SHA256, no salt, 32 bytes (FORMAT.md, Recovery key).
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(key, null, Canonical.start().label(Labels.RECOVERY_BUNDLE_KEY).toByteArray()));
        byte[] derived = new byte[32];
        hkdf.generateBytes(derived, 0, derived.length);
        try {
            return BundleKey.fromBytes(derived, BundleKey.Slot.RECOVERY, InsecureSecretKeyAccess.get());
        } finally {
            java.util.Arrays.fill(derived, (byte) 0);
        }
    }

    /** The printed form, e.g. {@code 7K3QD-...}; show it once and let the user write it down. */
    public String toPrintable(InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        int[] values = toBase32(key);
        StringBuilder out = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
        for (int g = 0; g < GROUPS; g++) {
            if (g > 0) {
                out.append('-');
            }
            int[] data = Arrays.copyOfRange(values, g * DATA_PER_GROUP, (g + 1) * DATA_PER_GROUP);
            for (int v : data) {
                out.append(ALPHABET.charAt(v));
            }
            out.append(ALPHABET.charAt(check(data, g)));
        }
        return out.toString();
    }

    /** Parses a typed recovery key; on error, says which group is mistyped. */
    public static RecoveryKey parse(String typed) throws RecoveryKeyFormatException {
        String[] groups = typed.trim().split("-", -1);
        if (groups.length != GROUPS) {
            throw new RecoveryKeyFormatException(0, "a recovery key has " + GROUPS + " groups separated by '-'");
        }
        int[] values = new int[GROUPS * DATA_PER_GROUP];
        for (int g = 0; g < GROUPS; g++) {
            String group = groups[g].replace(" ", "").toUpperCase(Locale.ROOT);
            if (group.length() != GROUP_LENGTH) {
                throw new RecoveryKeyFormatException(g + 1, "group " + (g + 1) + " must have " + GROUP_LENGTH + " characters");
            }
            int[] data = new int[DATA_PER_GROUP];
            for (int i = 0; i < GROUP_LENGTH; i++) {
                int v = value(group.charAt(i));
                if (v < 0) {
                    throw new RecoveryKeyFormatException(g + 1, "group " + (g + 1) + " has a character that is not in the alphabet");
                }
                if (i < DATA_PER_GROUP) {
                    data[i] = v;
                } else if (v != check(data, g)) {
                    throw new RecoveryKeyFormatException(g + 1, "group " + (g + 1) + " is mistyped (its check character does not match)");
                }
            }
            System.arraycopy(data, 0, values, g * DATA_PER_GROUP, DATA_PER_GROUP);
        }
        if ((values[values.length - 1] & 0x0f) != 0) {
            throw new RecoveryKeyFormatException(GROUPS, "group " + GROUPS + " is mistyped (padding bits are not zero)");
        }
        return new RecoveryKey(fromBase32(values));
    }

    /** Luhn mod 32 over the group's data characters, the sum started at 2g + 1. */
    static int check(int[] data, int group) {
        int sum = 2 * group + 1;
        boolean doubled = true; // the rightmost data character is doubled
        for (int i = data.length - 1; i >= 0; i--) {
            int addend = doubled ? 2 * data[i] : data[i];
            sum += addend / 32 + addend % 32;
            doubled = !doubled;
        }
        return (32 - sum % 32) % 32;
    }

    private static int value(char c) {
        switch (c) {
            case 'O':
                return 0;
            case 'I':
            case 'L':
                return 1;
            default:
                return ALPHABET.indexOf(c);
        }
    }

    /** 256 bits, most significant first, as 52 five-bit values (the last padded with 4 zero bits). */
    private static int[] toBase32(byte[] bytes) {
        int[] out = new int[GROUPS * DATA_PER_GROUP];
        for (int i = 0; i < out.length; i++) {
            int v = 0;
            for (int b = 0; b < 5; b++) {
                int bit = i * 5 + b;
                int bitValue = bit < bytes.length * 8 ? (bytes[bit / 8] >> (7 - bit % 8)) & 1 : 0;
                v = (v << 1) | bitValue;
            }
            out[i] = v;
        }
        return out;
    }

    private static byte[] fromBase32(int[] values) {
        byte[] out = new byte[KEY_LENGTH];
        for (int bit = 0; bit < KEY_LENGTH * 8; bit++) {
            int v = (values[bit / 5] >> (4 - bit % 5)) & 1;
            out[bit / 8] |= (byte) (v << (7 - bit % 8));
        }
        return out;
    }

    @Override
    public String toString() {
        return "RecoveryKey(hidden)";
    }
}
