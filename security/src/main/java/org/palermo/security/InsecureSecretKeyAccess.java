package org.palermo.security;

/**
 * A token that must be passed to every method that exposes raw secret key bytes.
 *
 * <p>It exists so that a reviewer can find every place where secret key material leaves an
 * opaque handle by searching for this class name. Code that holds a key handle never needs raw
 * bytes for sealing, wrapping or signing; raw bytes are for storage formats and test vectors.
 */
public final class InsecureSecretKeyAccess {
    private static final InsecureSecretKeyAccess INSTANCE = new InsecureSecretKeyAccess();

    private InsecureSecretKeyAccess() {
    }

    /** Returns the token. Every call site is a place where secret bytes leave a key handle. */
    public static InsecureSecretKeyAccess get() {
        return INSTANCE;
    }
}
