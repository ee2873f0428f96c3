package org.palermo.server.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Storage for opaque blobs (client-side encrypted content) addressed by {@link BlobId}.
 *
 * <p>The store never interprets, logs or transforms the bytes. All methods are safe to call from
 * several threads at once. Failures of the underlying storage surface as {@link IOException}.
 */
public interface BlobStore {

  /**
   * Stores everything {@code content} yields until end of stream under {@code id}.
   *
   * <p>The content is streamed: memory use is bounded by a fixed buffer, whatever the size of the
   * blob. The write is atomic: until this method returns normally, readers see the previous state
   * (no blob, or the previous blob under that id, whole), and afterwards they see the new blob,
   * whole. Replacing an existing blob is equally atomic. If this method throws (including because
   * {@code content} throws), or the process dies during the write, the previous state is kept and
   * nothing partial is left visible. The caller keeps ownership of {@code content} and closes it.
   *
   * @return the number of bytes stored
   * @throws IOException if reading {@code content} or writing to the storage fails
   */
  long put(BlobId id, InputStream content) throws IOException;

  /**
   * Opens the blob for reading from byte {@code offset} on (0 reads it whole).
   *
   * <p>An offset at or beyond the end of the blob gives an empty stream. The stream shows one
   * version of the blob from start to end, even if the blob is replaced or deleted meanwhile
   * (subject to the backend's read-after-write guarantees). The caller must close it.
   *
   * @throws BlobNotFoundException if there is no blob with this id
   * @throws IllegalArgumentException if {@code offset} is negative
   * @throws IOException if the storage fails
   */
  InputStream open(BlobId id, long offset) throws IOException;

  /**
   * The size in bytes of the blob, or empty if there is no blob with this id.
   *
   * @throws IOException if the storage fails
   */
  Optional<Long> size(BlobId id) throws IOException;

  /**
   * Removes the blob. Deleting a missing blob is not an error.
   *
   * @return true if the blob existed just before this call removed it
   * @throws IOException if the storage fails
   */
  boolean delete(BlobId id) throws IOException;

  /**
   * A one-line, human-readable description of where blobs are kept, for a startup log line,
   * such as {@code local files in /var/lib/palermo/blobs}. Never contains credentials.
   */
  String describe();
}
