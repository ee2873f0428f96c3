package org.palermo.server.bootstrap;

import java.io.IOException;
import org.palermo.server.blobs.BlobStore;
import org.palermo.server.blobs.FileSystemBlobStore;
import org.palermo.server.blobs.S3BlobStore;
import org.palermo.server.config.BlobStoreSettings;
import org.palermo.server.config.ConfigException;

/** Opens the blob store the configuration names. */
final class BlobStores {
  private BlobStores() {}

  static BlobStore open(BlobStoreSettings settings) {
    if (settings instanceof BlobStoreSettings.Local local) {
      try {
        return new FileSystemBlobStore(local.root());
      } catch (IOException e) {
        throw new ConfigException("Cannot use the blob folder " + local.root()
            + " (PALERMO_BLOB_DIR): " + e.getMessage(), e);
      }
    }
    BlobStoreSettings.S3 s3 = (BlobStoreSettings.S3) settings;
    S3BlobStore store = new S3BlobStore(s3.settings());
    try {
      // A wrong bucket or key fails here, not later as blobs that seem to be missing.
      store.checkBucket();
      return store;
    } catch (IOException e) {
      store.close();
      throw new ConfigException("Cannot use the S3 bucket " + s3.settings().bucket() + " at "
          + s3.settings().endpoint() + " (PALERMO_S3_*): " + e.getMessage(), e);
    }
  }
}
