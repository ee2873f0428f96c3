package org.palermo.server.blobs;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how {@link S3BlobStore} reaches its bucket.
 *
 * @param endpoint the service URL, such as {@code https://minio.example.org:9000}; null for AWS
 *     itself, whose endpoint follows from {@code region}
 * @param region the signing region; S3-compatible servers usually accept {@code us-east-1}
 * @param bucket an existing bucket
 * @param accessKeyId the access key id; null (with a null secret) to use the SDK's default
 *     credential chain (environment, profile, instance or container role)
 * @param secretAccessKey the secret key; never printed by {@link #toString()}
 * @param pathStyle true for {@code https://host/bucket/key} addressing (MinIO, Ceph, s3proxy),
 *     false for {@code https://bucket.host/key}
 * @param prefix prepended to every blob id to form the object key, such as {@code "blobs/"}; null
 *     is taken as empty
 */
public record S3BlobStoreSettings(
    URI endpoint,
    String region,
    String bucket,
    String accessKeyId,
    String secretAccessKey,
    boolean pathStyle,
    String prefix) {

  public S3BlobStoreSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(bucket, "bucket");
    if (region.isBlank()) {
      throw new IllegalArgumentException("region must not be blank");
    }
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("bucket must not be blank");
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("give both the access key id and the secret, or neither");
    }
    if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
      throw new IllegalArgumentException("endpoint must be an absolute URL with a host");
    }
    if (endpoint != null && endpoint.getRawUserInfo() != null) {
      // describe() and logs print the endpoint: credentials belong in their own fields.
      throw new IllegalArgumentException("endpoint must not contain user information");
    }
    prefix = prefix == null ? "" : prefix;
  }

  /** Whether explicit credentials were given (otherwise the SDK's default chain is used). */
  public boolean hasStaticCredentials() {
    return accessKeyId != null;
  }

  /** All fields but the secret, which is shown only as present or absent. */
  @Override
  public String toString() {
    return "S3BlobStoreSettings[endpoint=" + endpoint
        + ", region=" + region
        + ", bucket=" + bucket
        + ", accessKeyId=" + accessKeyId
        + ", secretAccessKey=" + (secretAccessKey == null ? "null" : "(hidden)")
        + ", pathStyle=" + pathStyle
        + ", prefix=" + prefix
        + "]";
  }
}
