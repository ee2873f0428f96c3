package org.palermo.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.palermo.security.passphrase.Argon2idParameters;

/**
 * The KDF parameters a client needs before it can log in. For a handle that does not exist the
 * answer is a stand-in derived from a server secret and the handle: stable, shaped like a real
 * one, so the answer does not say which handles exist.
 */
final class LoginParameters {
  static final String SECRET_NAME = "login-parameters-decoy";

  private final SecretKeySpec decoyKey;

  LoginParameters(byte[] secret) {
    this.decoyKey = new SecretKeySpec(secret, "HmacSHA256");
  }

  byte[] decoyFor(Handle handle) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(decoyKey);
      byte[] salt = Arrays.copyOf(
          mac.doFinal(("palermo login decoy salt\0" + handle.value())
              .getBytes(StandardCharsets.UTF_8)), 16);
      Argon2idParameters recommended = Argon2idParameters.recommended();
      return Argon2idParameters.of(recommended.iterations(), recommended.memoryKiB(),
          recommended.parallelism(), salt).encode();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 and the recommended parameters always work", e);
    }
  }
}
