package org.palermo.server.blobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest extends BlobStoreContract {

  private static final long CHILD_TIMEOUT_SECONDS = 120;

  @TempDir
  Path root;

  @Override
  protected BlobStore store() throws IOException {
    return new FileSystemBlobStore(root);
  }

  private FileSystemBlobStore fileStore() {
    return (FileSystemBlobStore) store;
  }

  private List<Path> regularFiles() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }

  private List<Path> temporaryFiles() throws IOException {
    return regularFiles().stream()
        .filter(p -> p.getFileName().toString().startsWith(FileSystemBlobStore.TEMP_PREFIX))
        .collect(Collectors.toList());
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Test
  void put_storesFileInFolderShardedByIdPrefix() throws IOException {
    BlobId id = BlobId.parse("abcdef0123456789abcdef0123456789");

    store.put(id, new ByteArrayInputStream(new byte[] {1, 2, 3}));

    Path expected = root.resolve("ab").resolve("cd").resolve("abcdef0123456789abcdef0123456789");
    assertEquals(expected, fileStore().path(id));
    assertEquals(List.of(expected), regularFiles());
  }

  @Test
  void put_createsOwnerOnlyFileAndFolders() throws IOException {
    assumeTrue(posix(root), "POSIX permissions not supported here");
    BlobId id = newId();

    store.put(id, new ByteArrayInputStream(new byte[] {1}));

    Path file = fileStore().path(id);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent().getParent())));
  }

  @Test
  void constructor_createsMissingRootOwnerOnly() throws IOException {
    Path nested = root.resolve("a").resolve("b");

    new FileSystemBlobStore(nested);

    assertTrue(Files.isDirectory(nested));
    if (posix(root)) {
      assertEquals("rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
    }
  }

  @Test
  void put_failingStream_leavesNeitherFinalNorTemporaryFile() throws IOException {
    BlobId id = newId();

    assertThrows(IOException.class, () -> store.put(id, GeneratedContent.failingAfter(1, 300_000)));

    assertFalse(Files.exists(fileStore().path(id)));
    assertEquals(List.of(), regularFiles());
  }

  @Test
  void put_streamThrowingRuntimeException_leavesNoTemporaryFile() throws IOException {
    BlobId id = newId();
    InputStream content = new InputStream() {
      @Override
      public int read() {
        throw new IllegalStateException("bug in the caller");
      }
    };

    assertThrows(IllegalStateException.class, () -> store.put(id, content));

    assertEquals(List.of(), regularFiles());
  }

  @Test
  void put_success_leavesNoTemporaryFile() throws IOException {
    store.put(newId(), new ByteArrayInputStream(randomBytes(200_000, 2)));

    assertEquals(List.of(), temporaryFiles());
  }

  @Test
  void constructor_removesLeftoverTemporaryFiles_andKeepsBlobs() throws IOException {
    BlobId id = newId();
    byte[] content = randomBytes(100, 3);
    store.put(id, new ByteArrayInputStream(content));
    Path folder = fileStore().path(id).getParent();
    Path leftover = Files.write(folder.resolve(".tmp-0123456789abcdef"), new byte[] {1, 2});
    Path leftoverElsewhere = root.resolve("ff").resolve("00");
    Files.createDirectories(leftoverElsewhere);
    leftoverElsewhere = Files.write(leftoverElsewhere.resolve(".tmp-x"), new byte[] {3});
    Path unrelated = Files.write(root.resolve("README"), "kept".getBytes(StandardCharsets.UTF_8));

    BlobStore restarted = new FileSystemBlobStore(root);

    assertFalse(Files.exists(leftover));
    assertFalse(Files.exists(leftoverElsewhere));
    assertTrue(Files.exists(unrelated));
    assertArrayEquals(content, restarted.open(id, 0).readAllBytes());
  }

  @Test
  void put_jvmHaltedMidWrite_leavesNoBlob_andRestartRemovesTemporaryFile() throws Exception {
    BlobId id = newId();

    runHaltingPut(id, 3L * 1024 * 1024 + 11);

    assertFalse(Files.exists(fileStore().path(id)), "the final name must not exist after a crash");
    List<Path> leftovers = temporaryFiles();
    assertEquals(1, leftovers.size(),
        "the child should have died with its temporary file in place");
    assertTrue(Files.size(leftovers.get(0)) > 0, "the child should have died mid-write");

    FileSystemBlobStore restarted = new FileSystemBlobStore(root);

    assertEquals(Optional.empty(), restarted.size(id));
    assertThrows(BlobNotFoundException.class, () -> restarted.open(id, 0));
    assertEquals(List.of(), temporaryFiles());
    assertEquals(List.of(), regularFiles());
  }

  @Test
  void put_jvmHaltedMidOverwrite_keepsPreviousBlobWhole() throws Exception {
    BlobId id = newId();
    byte[] previous = randomBytes(4096, 4);
    store.put(id, new ByteArrayInputStream(previous));

    runHaltingPut(id, 3L * 1024 * 1024 + 11);

    FileSystemBlobStore restarted = new FileSystemBlobStore(root);
    assertEquals(Optional.of((long) previous.length), restarted.size(id));
    assertArrayEquals(previous, restarted.open(id, 0).readAllBytes());
    assertEquals(List.of(), temporaryFiles());
  }

  /** Runs {@link HaltingPutMain} in a new JVM on the same root and waits for it to halt. */
  private void runHaltingPut(BlobId id, long bytesBeforeHalt) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = Files.createTempFile("halting-put", ".log");
    try {
      Process child = new ProcessBuilder(
          java.toString(),
          "-Xmx64m",
          "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"),
          HaltingPutMain.class.getName(),
          root.toString(),
          id.value(),
          Long.toString(bytesBeforeHalt))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
        throw new AssertionError("child JVM did not finish: " + Files.readString(log));
      }
      assertEquals(1, child.exitValue(), () -> "child JVM output: " + readQuietly(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void open_streamOpenedBeforeReplace_readsPreviousVersionWhole() throws IOException {
    BlobId id = newId();
    byte[] previous = randomBytes(300_000, 5);
    store.put(id, new ByteArrayInputStream(previous));

    try (InputStream in = store.open(id, 0)) {
      byte[] head = in.readNBytes(1000);
      store.put(id, new ByteArrayInputStream(randomBytes(10, 6)));
      store.put(id, new ByteArrayInputStream(randomBytes(400_000, 7)));
      byte[] rest = in.readAllBytes();

      assertArrayEquals(previous, concat(head, rest));
    }
  }

  @Test
  void open_streamOpenedBeforeDelete_readsToTheEnd() throws IOException {
    BlobId id = newId();
    byte[] content = randomBytes(300_000, 8);
    store.put(id, new ByteArrayInputStream(content));

    try (InputStream in = store.open(id, 0)) {
      assertTrue(store.delete(id));
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void describe_namesRootFolder() {
    assertEquals("local files in " + root.toAbsolutePath().normalize(), store.describe());
  }
}
