package org.palermo.server.accounts;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The server's slow hash of a client's authentication key (itself an Argon2id derivative of
 * the passphrase, made on the client). A leaked verifier is not a login credential, and testing
 * passphrases against it costs the client's Argon2id plus this one.
 *
 * <p>Layout: version (1 byte, 1), salt (16 bytes), Argon2id tag (32 bytes) with t=2, m=19 MiB,
 * p=1.
 */
final class AuthenticationVerifier {
  static final int KEY_LENGTH = 32;
  private static final byte VERSION = 1;
  private static final int SALT_LENGTH = 16;
  private static final int TAG_LENGTH = 32;
  private static final int ITERATIONS = 2;
  private static final int MEMORY_KIB = 19 * 1024;

  private final SecureRandom random = new SecureRandom();
  // Made beside the start, not in its way: an Argon2id run before the JIT has warmed up is slow.
  private final CompletableFuture<byte[]> decoy = CompletableFuture.supplyAsync(() -> {
    byte[] key = new byte[KEY_LENGTH];
    random.nextBytes(key);
    return create(key);
  });

  byte[] create(byte[] authenticationKey) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return ByteBuffer.allocate(1 + SALT_LENGTH + TAG_LENGTH)
        .put(VERSION).put(salt).put(tag(authenticationKey, salt)).array();
  }

  /** Compares in constant time; for an unknown account pass {@code null} to spend the same time. */
  boolean matches(byte[] verifier, byte[] authenticationKey) {
    byte[] against = verifier == null ? decoy.join() : verifier;
    if (against.length != 1 + SALT_LENGTH + TAG_LENGTH || against[0] != VERSION) {
      return false;
    }
    byte[] salt = java.util.Arrays.copyOfRange(against, 1, 1 + SALT_LENGTH);
    byte[] expected = java.util.Arrays.copyOfRange(against, 1 + SALT_LENGTH, against.length);
    boolean equal = MessageDigest.isEqual(expected, tag(authenticationKey, salt));
    return equal && verifier != null;
  }

  private static byte[] tag(byte[] key, byte[] salt) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withIterations(ITERATIONS)
        .withMemoryAsKB(MEMORY_KIB)
        .withParallelism(1)
        .withSalt(salt)
        .build());
    byte[] out = new byte[TAG_LENGTH];
    generator.generateBytes(key, out);
    return out;
  }
}
