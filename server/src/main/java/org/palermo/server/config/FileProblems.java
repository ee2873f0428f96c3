package org.palermo.server.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Optional;

/** Why a file the operator named could not be opened, in words an operator acts on. */
public final class FileProblems {
  private FileProblems() {}

  /** The file-system reason behind {@code e}; empty when the file opened but its content failed. */
  public static Optional<String> reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return Optional.of("no such file");
    }
    if (e instanceof AccessDeniedException) {
      return Optional.of("permission denied");
    }
    if (e instanceof NotDirectoryException) {
      return Optional.of("a folder on its path is a file");
    }
    if (e instanceof IOException && String.valueOf(e.getMessage()).contains("Is a directory")) {
      return Optional.of("it is a folder");
    }
    return Optional.empty();
  }
}
