package org.palermo.server.blobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} must do; each implementation's test class extends this and
 * supplies a fresh store.
 */
abstract class BlobStoreContract {

  /** Long enough to need three S3 parts, and not a multiple of the part size. */
  private static final long LARGE = 20L * 1024 * 1024 + 123;
  private static final int MEBIBYTE = 1024 * 1024;

  private static final SecureRandom IDS = new SecureRandom();

  protected BlobStore store;

  /** A new store for one test. Closed afterwards if it is {@link AutoCloseable}. */
  protected abstract BlobStore store() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = store();
  }

  @AfterEach
  void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  protected static BlobId newId() {
    return BlobId.random(IDS);
  }

  protected static byte[] randomBytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  protected byte[] read(BlobId id, long offset) throws IOException {
    try (InputStream in = store.open(id, offset)) {
      return in.readAllBytes();
    }
  }

  private void assertRoundTrip(byte[] content) throws IOException {
    BlobId id = newId();
    assertEquals(content.length, store.put(id, new ByteArrayInputStream(content)));
    assertArrayEquals(content, read(id, 0));
    assertEquals(Optional.of((long) content.length), store.size(id));
  }

  @Test
  void put_emptyStream_thenOpen_returnsNoBytes() throws IOException {
    assertRoundTrip(new byte[0]);
  }

  @Test
  void put_oneByte_thenOpen_returnsSameBytes() throws IOException {
    assertRoundTrip(new byte[] {(byte) 0xa5});
  }

  @Test
  void put_oneMebibytePlusSevenRandomBytes_thenOpen_returnsSameBytes() throws IOException {
    assertRoundTrip(randomBytes(MEBIBYTE + 7, 1));
  }

  @Test
  void put_twentyMebibyteStreamOfUnknownLength_thenOpen_returnsSameBytes() throws IOException {
    BlobId id = newId();
    long seed = 2;

    try (InputStream content = GeneratedContent.stream(seed, LARGE)) {
      assertEquals(LARGE, store.put(id, content));
    }

    assertEquals(Optional.of(LARGE), store.size(id));
    try (InputStream in = store.open(id, 0)) {
      assertArrayEquals(GeneratedContent.sha256(seed, LARGE), GeneratedContent.sha256(in));
    }
    // Across the boundary between the first and second S3 part.
    long offset = S3BlobStore.PART_SIZE - 5;
    try (InputStream in = store.open(id, offset)) {
      assertArrayEquals(GeneratedContent.bytes(seed, offset, 4096), in.readNBytes(4096));
      assertEquals(LARGE - offset - 4096, in.transferTo(OutputStream.nullOutputStream()));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {
    S3BlobStore.FIRST_READ_BYTES - 1,
    S3BlobStore.FIRST_READ_BYTES,
    S3BlobStore.FIRST_READ_BYTES + 1,
    S3BlobStore.PART_SIZE,
  })
  void put_sizesAroundBufferBoundaries_thenOpen_returnsSameBytes(int size) throws IOException {
    BlobId id = newId();

    try (InputStream content = GeneratedContent.stream(size, size)) {
      assertEquals(size, store.put(id, content));
    }

    assertEquals(Optional.of((long) size), store.size(id));
    try (InputStream in = store.open(id, 0)) {
      assertArrayEquals(GeneratedContent.sha256(size, size), GeneratedContent.sha256(in));
    }
  }

  @Test
  void open_withOffset_returnsTail() throws IOException {
    BlobId id = newId();
    byte[] content = randomBytes(1000, 3);
    store.put(id, new ByteArrayInputStream(content));

    assertArrayEquals(content, read(id, 0));
    assertArrayEquals(Arrays.copyOfRange(content, 1, 1000), read(id, 1));
    assertArrayEquals(Arrays.copyOfRange(content, 123, 1000), read(id, 123));
    assertArrayEquals(new byte[] {content[999]}, read(id, 999));
  }

  @Test
  void open_offsetAtOrPastEnd_returnsEmptyStream() throws IOException {
    BlobId id = newId();
    store.put(id, new ByteArrayInputStream(randomBytes(100, 4)));

    assertEquals(0, read(id, 100).length);
    assertEquals(0, read(id, 101).length);
    assertEquals(0, read(id, Long.MAX_VALUE).length);
  }

  @Test
  void open_offsetOnEmptyBlob_returnsEmptyStream() throws IOException {
    BlobId id = newId();
    store.put(id, InputStream.nullInputStream());

    assertEquals(0, read(id, 0).length);
    assertEquals(0, read(id, 1).length);
  }

  @Test
  void open_negativeOffset_throwsIllegalArgumentException() throws IOException {
    BlobId id = newId();
    store.put(id, new ByteArrayInputStream(new byte[] {1}));

    assertThrows(IllegalArgumentException.class, () -> store.open(id, -1));
  }

  @Test
  void open_missingBlob_throwsBlobNotFoundException() {
    BlobId id = newId();

    BlobNotFoundException e = assertThrows(BlobNotFoundException.class, () -> store.open(id, 0));
    assertEquals(id, e.id());
    assertThrows(BlobNotFoundException.class, () -> store.open(id, 10));
  }

  @Test
  void size_missingBlob_isEmpty() throws IOException {
    assertEquals(Optional.empty(), store.size(newId()));
  }

  @Test
  void delete_existingBlob_returnsTrueAndRemovesIt() throws IOException {
    BlobId id = newId();
    store.put(id, new ByteArrayInputStream(randomBytes(10, 5)));

    assertTrue(store.delete(id));

    assertEquals(Optional.empty(), store.size(id));
    assertThrows(BlobNotFoundException.class, () -> store.open(id, 0));
    assertFalse(store.delete(id));
  }

  @Test
  void delete_missingBlob_returnsFalse() throws IOException {
    assertFalse(store.delete(newId()));
  }

  @Test
  void delete_leavesOtherBlobs() throws IOException {
    BlobId kept = newId();
    BlobId deleted = newId();
    byte[] content = randomBytes(10, 6);
    store.put(kept, new ByteArrayInputStream(content));
    store.put(deleted, new ByteArrayInputStream(content));

    store.delete(deleted);

    assertArrayEquals(content, read(kept, 0));
  }

  @Test
  void put_existingId_replacesContent() throws IOException {
    BlobId id = newId();
    byte[] first = randomBytes(5000, 7);
    byte[] second = randomBytes(100, 8);
    store.put(id, new ByteArrayInputStream(first));

    assertEquals(second.length, store.put(id, new ByteArrayInputStream(second)));

    assertArrayEquals(second, read(id, 0));
    assertEquals(Optional.of((long) second.length), store.size(id));
  }

  @Test
  void put_failingStream_throwsAndLeavesNoBlob() {
    BlobId id = newId();

    IOException e = assertThrows(IOException.class,
        () -> store.put(id, GeneratedContent.failingAfter(9, 100_000)));

    assertTrue(hasMessageInChain(e, "simulated client disconnect"), e::toString);
    assertThrows(BlobNotFoundException.class, () -> store.open(id, 0));
  }

  @Test
  void put_streamFailingAfterSeveralMebibytes_keepsPreviousBlob() throws IOException {
    BlobId id = newId();
    byte[] previous = randomBytes(1000, 10);
    store.put(id, new ByteArrayInputStream(previous));

    // Past the first S3 part, so a multipart upload is under way when the stream fails.
    assertThrows(IOException.class,
        () -> store.put(id, GeneratedContent.failingAfter(11, 10L * MEBIBYTE)));

    assertArrayEquals(previous, read(id, 0));
    assertEquals(Optional.of((long) previous.length), store.size(id));
  }

  @Test
  void put_underWay_newBlobIsNotVisibleUntilComplete() throws Exception {
    BlobId id = newId();
    long length = S3BlobStore.PART_SIZE + 300_000L;

    long stored = putPausedMidway(id, 14, length, () -> {
      assertEquals(Optional.empty(), store.size(id));
      assertThrows(BlobNotFoundException.class, () -> store.open(id, 0));
    });

    assertEquals(length, stored);
    assertEquals(Optional.of(length), store.size(id));
    try (InputStream in = store.open(id, 0)) {
      assertArrayEquals(GeneratedContent.sha256(14, length), GeneratedContent.sha256(in));
    }
  }

  @Test
  void put_underWay_previousBlobStaysWholeUntilComplete() throws Exception {
    BlobId id = newId();
    byte[] previous = randomBytes(500, 15);
    store.put(id, new ByteArrayInputStream(previous));
    long length = S3BlobStore.PART_SIZE + 300_000L;

    putPausedMidway(id, 16, length, () -> {
      assertEquals(Optional.of((long) previous.length), store.size(id));
      assertArrayEquals(previous, read(id, 0));
    });

    assertEquals(Optional.of(length), store.size(id));
  }

  /** A check run while a put is blocked with more than one S3 part already sent. */
  protected interface Check {
    void run() throws Exception;
  }

  /** Puts generated content, pausing past the first S3 part to run {@code whilePaused}. */
  private long putPausedMidway(BlobId id, long seed, long length, Check whilePaused)
      throws Exception {
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    InputStream content = GeneratedContent.pausing(
        seed, length, S3BlobStore.PART_SIZE + 1000L, paused, resume);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<Long> put = writer.submit(() -> store.put(id, content));
      assertTrue(paused.await(60, TimeUnit.SECONDS), "the put never reached the pause");
      whilePaused.run();
      resume.countDown();
      return put.get(60, TimeUnit.SECONDS);
    } finally {
      resume.countDown();
      writer.shutdownNow();
    }
  }

  @Test
  void describe_isOneNonBlankLine() {
    String description = store.describe();
    assertFalse(description.isBlank());
    assertFalse(description.contains("\n"));
  }

  private static boolean hasMessageInChain(Throwable e, String message) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(message)) {
        return true;
      }
    }
    return false;
  }
}
