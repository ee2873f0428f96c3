package org.palermo.server.config;

import java.nio.file.Path;
import org.palermo.server.blobs.S3BlobStoreSettings;

/** Where ciphertext blobs live: local files (default) or an S3-compatible service. */
public sealed interface BlobStoreSettings {

  /** Sharded folders under {@code root}. */
  record Local(Path root) implements BlobStoreSettings {}

  /** An S3-compatible object store (MinIO, Ceph, Garage, AWS). */
  record S3(S3BlobStoreSettings settings) implements BlobStoreSettings {}
}
