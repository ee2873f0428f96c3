package org.palermo.server.states;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.bundle.BundleKey;
import org.palermo.security.bundle.KeyBundle;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.recovery.RecoveryKey;

/**
 * The operator's key for the State certificate list, made once and kept in the data folder:
 * {@code operator-key.sealed}, a key bundle that only the operator secret opens, and
 * {@code operator-secret.txt}, that secret in the recovery-key format, for the operator to move
 * offline. Both are owner-only. The bundle's passphrase slot is sealed under a random key that
 * is not kept, so the secret is the one way in.
 */
final class OperatorKeyFiles {
  static final String SEALED = "operator-key.sealed";
  static final String SECRET = "operator-secret.txt";

  private OperatorKeyFiles() {
  }

  /** What {@link #make} wrote: the keys (to sign the list's first entry) and the two files. */
  record Made(IdentityKeys keys, Path sealedFile, Path secretFile) {}

  /**
   * Makes the operator key and writes both files into {@code folder} (created owner-only).
   *
   * @throws FileAlreadyExistsException if a sealed key is already there: never overwrite one
   */
  static Made make(Path folder) throws IOException {
    Path sealed = folder.resolve(SEALED);
    Path secret = folder.resolve(SECRET);
    if (Files.exists(sealed)) {
      throw new FileAlreadyExistsException(sealed.toString(), null,
          "an operator key is already there");
    }
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
    IdentityKeys keys = IdentityKeys.generate(AccountId.random(), DeviceId.random());
    RecoveryKey recovery = RecoveryKey.generate();
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    BundleKey unkept = BundleKey.fromBytes(random, BundleKey.Slot.PASSPHRASE,
        InsecureSecretKeyAccess.get());
    java.util.Arrays.fill(random, (byte) 0);
    byte[] bundle = KeyBundle.seal(keys, unkept, recovery.bundleKey());
    writeOwnerOnly(secret, ("# Palermo operator secret: opens " + SEALED
        + " (palermo admin --operator-key FILE asks for it,\n"
        + "# or reads PALERMO_OPERATOR_SECRET). Keep it offline and delete this file from the"
        + " server:\n# whoever holds both files can certify and revoke State accounts.\n"
        + recovery.toPrintable(InsecureSecretKeyAccess.get()) + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    writeOwnerOnly(sealed, bundle);
    return new Made(keys, sealed, secret);
  }

  private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(temp, content);
    Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
