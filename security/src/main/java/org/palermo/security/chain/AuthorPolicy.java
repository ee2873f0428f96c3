package org.palermo.security.chain;

import java.util.List;
import java.util.Optional;
import org.palermo.security.keys.SigningPublicKey;

/**
 * Who may write an entry. The policy sees the entries verified so far, so it can follow the
 * chain's own rules (for membership: the owners named by earlier entries).
 */
@FunctionalInterface
public interface AuthorPolicy {
    /**
     * The signing key allowed to write {@code entry}, if its author key id names one; empty when
     * the author is unknown or not allowed.
     */
    Optional<SigningPublicKey> authorise(ChainEntry entry, List<ChainEntry> verifiedBefore);
}
