package org.palermo.plugins.dialogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's {@code roles.tsv}, read again when it changes, so a grant takes effect without
 * a restart. A file that does not parse leaves the roles read last in force, and says so in the
 * server's log.
 */
final class RolesFile implements Supplier<Roles> {
  private static final System.Logger LOG = System.getLogger(RolesFile.class.getName());

  /** Asked each time: the operator may make the folder after the server started. */
  private final Supplier<Optional<Path>> folder;
  private Roles roles = Roles.none();
  private FileTime seen;

  RolesFile(Supplier<Optional<Path>> folder) {
    this.folder = folder;
  }

  @Override
  public synchronized Roles get() {
    Optional<Path> dir = folder.get();
    Optional<Path> file = dir.map(f -> f.resolve(Roles.FILE)).filter(Files::isRegularFile);
    FileTime modified = null;
    try {
      modified = file.isPresent() ? Files.getLastModifiedTime(file.get()) : null;
    } catch (IOException e) {
      return roles;
    }
    if (modified == null ? seen == null : modified.equals(seen)) {
      return roles;
    }
    try {
      roles = Roles.read(dir);
      seen = modified;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "dialogue-registration: " + e.getMessage()
          + "; the roles read before stay in force");
      seen = modified;
    }
    return roles;
  }
}
