package org.palermo.server.blobs;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects in an S3 bucket (AWS, MinIO, Ceph, Garage, s3proxy), under key
 * {@code prefix + id}.
 *
 * <p>A put sends content that fits in one part ({@value #PART_SIZE} bytes) as a single PutObject;
 * longer content goes through a multipart upload of parts of that size, so memory stays bounded by
 * one part buffer per put in progress, whatever the blob size. Content that ends within the first
 * {@value #FIRST_READ_BYTES} bytes needs only that much. Both kinds of put become visible
 * atomically, when PutObject or CompleteMultipartUpload succeeds; a failed multipart upload is
 * aborted so no parts linger.
 * Blobs are therefore limited to 10,000 parts, about 78 GiB.
 *
 * <p>SDK exceptions are translated to {@link IOException}. Close the store to release the client.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

  /** Size of one multipart part, and the most a put buffers. S3 requires at least 5 MiB. */
  public static final int PART_SIZE = 8 * 1024 * 1024;

  /** Size of the first read of a put; content that ends within it costs no larger buffer. */
  static final int FIRST_READ_BYTES = 64 * 1024;

  private static final int MAX_PARTS = 10_000;
  private static final String CONTENT_TYPE = "application/octet-stream";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

  private final S3BlobStoreSettings settings;
  private final S3Client s3;

  /** Builds an S3 client for {@code settings}; no request is made until the store is used. */
  public S3BlobStore(S3BlobStoreSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.s3 = buildClient(settings);
  }

  private static S3Client buildClient(S3BlobStoreSettings settings) {
    AwsCredentialsProvider credentials = settings.hasStaticCredentials()
        ? StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()))
        : DefaultCredentialsProvider.builder().build();
    S3ClientBuilder builder = S3Client.builder()
        // Named explicitly: the s3 artifact also brings apache5-client, and the SDK would
        // otherwise pick whichever client it finds first on the class path.
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT))
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .forcePathStyle(settings.pathStyle())
        // Since SDK 2.30 every upload carries a trailing CRC checksum by default, which several
        // S3-compatible servers (older MinIO and Ceph among them) reject or mishandle.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  @Override
  public long put(BlobId id, InputStream content) throws IOException {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(content, "content");
    String key = key(id);
    try {
      // Most blobs are small (messages); reading them into a full part buffer would allocate
      // 8 MiB per put, so start with a small buffer and grow it only once.
      byte[] small = new byte[FIRST_READ_BYTES];
      int length = content.readNBytes(small, 0, FIRST_READ_BYTES);
      if (length < FIRST_READ_BYTES) {
        putObject(key, small, length);
        return length;
      }
      byte[] part = Arrays.copyOf(small, PART_SIZE);
      length += content.readNBytes(part, FIRST_READ_BYTES, PART_SIZE - FIRST_READ_BYTES);
      if (length < PART_SIZE) {
        putObject(key, part, length);
        return length;
      }
      return putMultipart(key, content, part);
    } catch (SdkException e) {
      throw new IOException("cannot store blob " + id + " in S3: " + e.getMessage(), e);
    }
  }

  private void putObject(String key, byte[] buffer, int length) {
    s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentType(CONTENT_TYPE),
        body(buffer, length));
  }

  /** Uploads {@code part} (full) and the rest of {@code content}; the part buffer is reused. */
  private long putMultipart(String key, InputStream content, byte[] part) throws IOException {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key)
        .contentType(CONTENT_TYPE)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long total = 0;
      int length = part.length;
      while (length > 0) {
        int partNumber = parts.size() + 1;
        if (partNumber > MAX_PARTS) {
          throw new IOException("blob exceeds the S3 limit of " + MAX_PARTS + " parts of "
              + PART_SIZE + " bytes");
        }
        // uploadPart returns only once the body has been sent, so the buffer is free again.
        String etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key)
            .uploadId(uploadId).partNumber(partNumber), body(part, length)).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        total += length;
        length = content.readNBytes(part, 0, part.length);
      }
      s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
      return total;
    } catch (Throwable e) {
      abortQuietly(key, uploadId, e);
      throw e;
    }
  }

  /**
   * A body over the first {@code length} bytes of {@code buffer}, without copying them; the
   * provider gives a fresh stream each time because the SDK may read the body more than once
   * (payload signing over plain HTTP, retries).
   */
  private static RequestBody body(byte[] buffer, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length),
        length, CONTENT_TYPE);
  }

  private void abortQuietly(String key, String uploadId, Throwable cause) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      cause.addSuppressed(e);
      // The parts stay billed until a bucket lifecycle rule removes incomplete uploads.
      LOG.warn("cannot abort S3 multipart upload {} for key {}: {}", uploadId, key, e.toString());
    }
  }

  @Override
  public InputStream open(BlobId id, long offset) throws IOException {
    Objects.requireNonNull(id, "id");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative");
    }
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(settings.bucket()).key(key(id));
    if (offset > 0) {
      request.range("bytes=" + offset + "-");
    }
    try {
      return new TranslatingInputStream(s3.getObject(request.build()));
    } catch (NoSuchKeyException e) {
      throw new BlobNotFoundException(id, e);
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        // Range starts at or past the end of an existing object (S3 answers 404 if absent).
        return InputStream.nullInputStream();
      }
      if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
        throw new BlobNotFoundException(id, e);
      }
      throw new IOException("cannot read blob " + id + " from S3: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("cannot read blob " + id + " from S3: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Long> size(BlobId id) throws IOException {
    Objects.requireNonNull(id, "id");
    try {
      return Optional.of(
          s3.headObject(b -> b.bucket(settings.bucket()).key(key(id))).contentLength());
    } catch (S3Exception e) {
      // A HEAD response has no body, so a missing key and a missing bucket look alike here;
      // checkBucket() at startup tells them apart.
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new IOException("cannot look up blob " + id + " in S3: " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("cannot look up blob " + id + " in S3: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(BlobId id) throws IOException {
    // DeleteObject succeeds whether or not the key exists, so HEAD first to report which.
    if (size(id).isEmpty()) {
      return false;
    }
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(key(id)));
      return true;
    } catch (SdkException e) {
      throw new IOException("cannot delete blob " + id + " from S3: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the bucket exists and the credentials may use it, for a clear error at startup
   * rather than blobs that seem to be missing.
   *
   * @throws IOException if the bucket is missing, access is denied or the service is unreachable
   */
  public void checkBucket() throws IOException {
    try {
      s3.headBucket(b -> b.bucket(settings.bucket()));
    } catch (SdkException e) {
      throw new IOException("cannot use " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    String where = settings.endpoint() == null
        ? "in AWS region " + settings.region()
        : "at " + settings.endpoint();
    String under = settings.prefix().isEmpty() ? "" : " under prefix " + settings.prefix();
    return "S3 bucket " + settings.bucket() + " " + where + under;
  }

  @Override
  public void close() {
    s3.close();
  }

  /** Object key of a blob; package-private so tests can check it. */
  String key(BlobId id) {
    return settings.prefix() + id.value();
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  /** Turns SDK exceptions raised while the body streams into the IOException callers expect. */
  private static final class TranslatingInputStream extends FilterInputStream {

    TranslatingInputStream(ResponseInputStream<GetObjectResponse> in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (SdkException e) {
        throw new IOException("reading a blob from S3 failed: " + e.getMessage(), e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (SdkException e) {
        throw new IOException("reading a blob from S3 failed: " + e.getMessage(), e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (SdkException e) {
        throw new IOException("reading a blob from S3 failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } catch (SdkException e) {
        throw new IOException("closing a blob stream from S3 failed: " + e.getMessage(), e);
      }
    }
  }
}
