package org.palermo.client.strip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary files for one strip: created owner-only next to the target (so that they stay on the
 * user's chosen disk and the final rename is atomic), and deleted when the strip ends.
 */
final class Scratch implements AutoCloseable {
  private final Path dir;
  private final List<Path> files = new ArrayList<>();

  Scratch(Path dir) {
    this.dir = dir;
  }

  /** A new empty file, deleted by {@link #close}. */
  Path newFile() throws IOException {
    Path file = Files.createTempFile(dir, ".palermo-strip-", ".tmp");
    files.add(file);
    return file;
  }

  /** Deletes a file early; harmless if it is already gone. */
  void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
    files.remove(file);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    files.clear();
    if (first != null) {
      throw first;
    }
  }
}
