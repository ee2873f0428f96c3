package org.palermo.server.blobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract and S3 specifics against s3proxy, a real S3 API server, in this JVM. */
class S3BlobStoreTest extends BlobStoreContract {

  private static final String BUCKET = "palermo-blobs";
  private static final String ACCESS_KEY = "palermo-test-access";
  private static final String SECRET_KEY = "palermo-test-secret-do-not-print";
  private static final String REGION = "us-east-1";
  private static final String PREFIX = "blobs/";

  private static S3Proxy proxy;
  private static org.gaul.s3proxy.blobstore.BlobStore backend;
  private static URI endpoint;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    backend = new TransientNio2BlobStore();
    backend.createContainer(BUCKET);
    proxy = S3Proxy.builder()
        .blobStore(backend)
        // Port 0: the OS picks a free port, read back after start.
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @AfterAll
  static void stopS3Proxy() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private static S3BlobStoreSettings settings(String bucket, String secret) {
    return new S3BlobStoreSettings(endpoint, REGION, bucket, ACCESS_KEY, secret, true, PREFIX);
  }

  @Override
  protected BlobStore store() {
    return new S3BlobStore(settings(BUCKET, SECRET_KEY));
  }

  /** A plain client to look behind the store's back. */
  private static S3Client rawClient() {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  @Test
  void put_storesObjectUnderPrefixedKey() throws IOException {
    BlobId id = newId();

    store.put(id, new ByteArrayInputStream(new byte[] {1, 2, 3}));

    try (S3Client raw = rawClient()) {
      assertEquals(3L,
          raw.headObject(b -> b.bucket(BUCKET).key(PREFIX + id.value())).contentLength());
    }
  }

  @Test
  void put_streamFailingMidMultipartUpload_abortsTheUpload() throws IOException {
    BlobId id = newId();

    assertThrows(IOException.class,
        () -> store.put(id, GeneratedContent.failingAfter(12, S3BlobStore.PART_SIZE + 1000)));

    try (S3Client raw = rawClient()) {
      assertEquals(0, raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(PREFIX + id.value()))
          .uploads().size(), "incomplete multipart upload left behind");
      assertEquals(0, raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(PREFIX + id.value()))
          .contents().size());
    }
  }

  @Test
  void put_withWrongSecret_isRejected() {
    try (S3BlobStore wrong = new S3BlobStore(settings(BUCKET, "not-the-secret"))) {
      IOException e = assertThrows(IOException.class,
          () -> wrong.put(newId(), new ByteArrayInputStream(new byte[] {1})));
      assertFalse(e.getMessage().contains("not-the-secret"));
    }
  }

  @Test
  void checkBucket_existingBucket_passes() throws IOException {
    ((S3BlobStore) store).checkBucket();
  }

  @Test
  void checkBucket_missingBucket_throwsIOException() {
    try (S3BlobStore missing = new S3BlobStore(settings("no-such-bucket", SECRET_KEY))) {
      assertThrows(IOException.class, missing::checkBucket);
    }
  }

  @Test
  void open_missingBucket_throwsIOExceptionNotBlobNotFound() {
    try (S3BlobStore missing = new S3BlobStore(settings("no-such-bucket", SECRET_KEY))) {
      IOException e = assertThrows(IOException.class, () -> missing.open(newId(), 0));
      assertFalse(e instanceof BlobNotFoundException, e::toString);
    }
  }

  @Test
  void describe_namesBucketAndEndpoint_withoutCredentials() {
    String description = store.describe();

    assertEquals("S3 bucket " + BUCKET + " at " + endpoint + " under prefix " + PREFIX,
        description);
    assertFalse(description.contains(SECRET_KEY));
    assertFalse(description.contains(ACCESS_KEY));
  }

  @Test
  void settings_toString_hidesSecret() {
    String text = settings(BUCKET, SECRET_KEY).toString();

    assertFalse(text.contains(SECRET_KEY), text);
    assertTrue(text.contains(BUCKET), text);
  }

  @Test
  void settings_endpointWithUserInfo_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new S3BlobStoreSettings(
        URI.create("http://user:pass@127.0.0.1:9000"), REGION, BUCKET, ACCESS_KEY, SECRET_KEY,
        true, ""));
  }

  @Test
  void settings_secretWithoutAccessKey_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new S3BlobStoreSettings(
        endpoint, REGION, BUCKET, null, SECRET_KEY, true, ""));
  }

  @Test
  void settings_nullPrefix_meansNoPrefix() {
    assertEquals("", new S3BlobStoreSettings(
        endpoint, REGION, BUCKET, ACCESS_KEY, SECRET_KEY, true, null)
        .prefix());
  }
}
