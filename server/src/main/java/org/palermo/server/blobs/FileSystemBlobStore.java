package org.palermo.server.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files under a root folder, sharded as {@code root/ab/cd/abcd...} by the first four
 * characters of the id: two levels of at most 256 folders, so that no single folder has to hold
 * every blob (large folders make lookups and backups slow on many file systems).
 *
 * <p>Each put writes a temporary file ({@code .tmp-<random>}) in the final folder, forces it to
 * disk, renames it atomically onto the final name and forces the folder, so a crash at any point
 * leaves either the previous file or the new one, never a torn one. Temporary files orphaned by a
 * crash are removed when the store is constructed. On POSIX file systems files are created
 * {@code rw-------} and folders {@code rwx------}.
 */
public final class FileSystemBlobStore implements BlobStore {

  /** Prefix of in-progress files; never a prefix of a blob id, which is hex only. */
  static final String TEMP_PREFIX = ".tmp-";

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemBlobStore.class);
  private static final int COPY_BUFFER_BYTES = 64 * 1024;
  private static final int SHARD_DEPTH = 2;
  private static final HexFormat HEX = HexFormat.of();

  private final Path root;
  private final boolean posix;
  private final SecureRandom random = new SecureRandom();

  /**
   * Opens (creating it if needed) the store at {@code root} and deletes temporary files left
   * by an earlier process.
   *
   * <p>Only one store instance per root may exist at a time, in one process: the constructor
   * treats every temporary file it finds as abandoned.
   *
   * @throws IOException if the root cannot be created or scanned
   */
  public FileSystemBlobStore(Path root) throws IOException {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
    createDirectories(this.root);
    removeTemporaryFiles();
  }

  @Override
  public long put(BlobId id, InputStream content) throws IOException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(content, "content");
    Path target = path(id);
    Path folder = target.getParent();
    createDirectories(folder);
    TemporaryFile temp = createTemporaryFile(folder);
    boolean moved = false;
    try {
      long written;
      try (FileChannel channel = temp.channel()) {
        written = copy(content, channel);
        // Data and metadata on disk before the rename publishes the name.
        channel.force(true);
      }
      // On POSIX this is rename(2): atomic, and it replaces an existing blob in one step.
      Files.move(temp.path(), target,
          StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      forceDirectory(folder);
      return written;
    } finally {
      if (!moved) {
        closeQuietly(temp.channel());
        deleteQuietly(temp.path());
      }
    }
  }

  @Override
  public InputStream open(BlobId id, long offset) throws IOException {
    Objects.requireNonNull(id, "id");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(path(id), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(id, e);
    }
    try {
      if (offset >= channel.size()) {
        // Positions near Long.MAX_VALUE make pread fail (EINVAL) instead of reading nothing.
        channel.close();
        return InputStream.nullInputStream();
      }
      channel.position(offset);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    // The open channel pins this version of the file: a later replace or delete does not affect it.
    return Channels.newInputStream(channel);
  }

  @Override
  public Optional<Long> size(BlobId id) throws IOException {
    Objects.requireNonNull(id, "id");
    try {
      return Optional.of(Files.readAttributes(path(id), BasicFileAttributes.class).size());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(BlobId id) throws IOException {
    Objects.requireNonNull(id, "id");
    Path target = path(id);
    boolean existed = Files.deleteIfExists(target);
    if (existed) {
      forceDirectory(target.getParent());
    }
    // Empty shard folders are kept: removing one could race with a put creating a file in it.
    return existed;
  }

  @Override
  public String describe() {
    return "local files in " + root;
  }

  /** The root folder, absolute and normalised. */
  public Path root() {
    return root;
  }

  /** Final location of a blob; package-private so tests can check the layout. */
  Path path(BlobId id) {
    String value = id.value();
    return root.resolve(value.substring(0, 2)).resolve(value.substring(2, 4)).resolve(value);
  }

  private static long copy(InputStream content, FileChannel channel) throws IOException {
    byte[] buffer = new byte[COPY_BUFFER_BYTES];
    ByteBuffer wrapper = ByteBuffer.wrap(buffer);
    long total = 0;
    int n;
    while ((n = content.read(buffer)) != -1) {
      wrapper.clear().limit(n);
      while (wrapper.hasRemaining()) {
        channel.write(wrapper);
      }
      total += n;
    }
    return total;
  }

  private record TemporaryFile(Path path, FileChannel channel) {
  }

  private TemporaryFile createTemporaryFile(Path folder) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    while (true) {
      byte[] suffix = new byte[8];
      random.nextBytes(suffix);
      Path temp = folder.resolve(TEMP_PREFIX + HEX.formatHex(suffix));
      try {
        // CREATE_NEW: never write through a file (or link) that someone else put there.
        return new TemporaryFile(temp, FileChannel.open(temp, options, fileAttributes(false)));
      } catch (FileAlreadyExistsException e) {
        // 64 random bits collided; draw again.
      }
    }
  }

  private void createDirectories(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Path existing = folder;
    while (existing != null && !Files.isDirectory(existing)) {
      existing = existing.getParent();
    }
    Files.createDirectories(folder, fileAttributes(true));
    // A new folder's entry lives in its parent: force every parent we added to, up to the first
    // folder that already existed, or a crash could lose the folder and the blobs in it.
    for (Path p = folder.getParent(); p != null; p = p.getParent()) {
      forceDirectory(p);
      if (p.equals(existing)) {
        break;
      }
    }
  }

  private FileAttribute<?>[] fileAttributes(boolean directory) {
    if (!posix) {
      return new FileAttribute<?>[0];
    }
    // The umask can only remove bits, so these modes are the most permissive result.
    String mode = directory ? "rwx------" : "rw-------";
    return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))};
  }

  private static void forceDirectory(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) and file systems cannot open or sync a folder; the rename is
      // still atomic there, only its durability across a power cut is weaker.
      LOG.debug("cannot force folder {} to disk: {}", folder, e.toString());
    }
  }

  private void removeTemporaryFiles() throws IOException {
    List<Path> leftovers;
    try (Stream<Path> paths = Files.walk(root, SHARD_DEPTH + 1)) {
      leftovers = paths.filter(FileSystemBlobStore::isTemporaryFile).collect(Collectors.toList());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    int removed = 0;
    for (Path leftover : leftovers) {
      if (Files.deleteIfExists(leftover)) {
        removed++;
      }
    }
    if (removed > 0) {
      LOG.info("removed {} unfinished blob write(s) left by an earlier process in {}",
          removed, root);
    }
  }

  private static boolean isTemporaryFile(Path path) {
    Path name = path.getFileName();
    return name != null
        && name.toString().startsWith(TEMP_PREFIX)
        && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("cannot close unfinished blob file: {}", e.toString());
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // The original failure matters more; the next start removes the file anyway.
      LOG.warn("cannot delete unfinished blob file {}: {}", temp, e.toString());
    }
  }
}
