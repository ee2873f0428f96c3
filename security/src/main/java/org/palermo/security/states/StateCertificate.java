package org.palermo.security.states;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.palermo.security.keys.Identity;

/**
 * What the operator certifies about a State account: its handle and public keys (the
 * {@link Identity} of the device it certifies), the State it speaks for, its function and the
 * time it is valid. Times are whole seconds since 1970 (UTC).
 */
public record StateCertificate(Identity identity, String handle, StateCode state,
        StateFunction function, Instant validFrom, Instant validUntil) {
    /** Longest handle, in UTF-8 bytes. */
    public static final int MAX_HANDLE_BYTES = 64;

    /** @throws IllegalArgumentException for an empty or long handle, or an empty validity */
    public StateCertificate {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        int bytes = handle.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_HANDLE_BYTES) {
            throw new IllegalArgumentException("a handle is 1 to " + MAX_HANDLE_BYTES + " bytes");
        }
        if (validFrom.getNano() != 0 || validUntil.getNano() != 0 || validFrom.getEpochSecond() < 0) {
            throw new IllegalArgumentException("validity times are whole seconds after 1970");
        }
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("a certificate's validity ends after it starts");
        }
    }

    /** Whether {@code at} is within the validity (start included, end excluded). */
    public boolean validAt(Instant at) {
        return !at.isBefore(validFrom) && at.isBefore(validUntil);
    }
}
