package org.palermo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;

class EnvironmentConfigTest {
  @Test
  void empty_givesSecureDefaults() {
    ServerConfig config = EnvironmentConfig.from(Map.of());
    assertEquals("127.0.0.1", config.bindHost());
    assertEquals(8443, config.httpsPort());
    assertTrue(config.database().isEmpty(), "embedded database");
    assertTrue(config.tlsCertificate().isEmpty(), "development certificate");
    assertTrue(config.metricsEnabled(), "metrics on for loopback");
    assertEquals(Path.of("data").toAbsolutePath(), config.dataDir());
    assertEquals(new BlobStoreSettings.Local(Path.of("data", "blobs").toAbsolutePath()),
        config.blobStore());
  }

  @Test
  void publicBind_turnsMetricsOffUnlessAsked() {
    assertFalse(EnvironmentConfig.from(Map.of("PALERMO_BIND", "0.0.0.0")).metricsEnabled());
    assertTrue(EnvironmentConfig.from(Map.of("PALERMO_BIND", "0.0.0.0", "PALERMO_METRICS", "on"))
        .metricsEnabled());
  }

  @Test
  void badPort_namesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> EnvironmentConfig.from(Map.of("PALERMO_HTTPS_PORT", "70000")));
    assertTrue(e.getMessage().startsWith("PALERMO_HTTPS_PORT"), e.getMessage());
  }

  @Test
  void databasePasswordFile_isRead_andNeverPrinted() throws Exception {
    Path file = Files.createTempFile("db", ".pw");
    Files.writeString(file, "s3cret-from-file\n");
    ServerConfig config = EnvironmentConfig.from(Map.of(
        "PALERMO_DB_URL", "jdbc:mariadb://db.example:3306/palermo",
        "PALERMO_DB_USER", "palermo",
        "PALERMO_DB_PASSWORD_FILE", file.toString()));
    DatabaseSettings db = config.database().orElseThrow();
    assertEquals("s3cret-from-file", db.password());
    assertFalse(config.toString().contains("s3cret"));
  }

  @Test
  void databasePassword_andFileTogether_isRefused() {
    assertThrows(ConfigException.class, () -> EnvironmentConfig.from(Map.of(
        "PALERMO_DB_URL", "jdbc:mariadb://db:3306/p", "PALERMO_DB_USER", "p",
        "PALERMO_DB_PASSWORD", "a", "PALERMO_DB_PASSWORD_FILE", "/x")));
  }

  @Test
  void databaseUserWithoutUrl_isRefused() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> EnvironmentConfig.from(Map.of("PALERMO_DB_USER", "palermo")));
    assertTrue(e.getMessage().contains("PALERMO_DB_URL"));
  }

  @Test
  void tlsCertificateWithoutKey_isRefused() {
    assertThrows(ConfigException.class,
        () -> EnvironmentConfig.from(Map.of("PALERMO_TLS_CERT", "/etc/cert.pem")));
  }

  @Test
  void rateLimitOverride_isParsed_andBadOneNamed() {
    ServerConfig config = EnvironmentConfig.from(Map.of("PALERMO_RATE_LIMIT_API_PER_ADDRESS",
        "30/1m"));
    assertEquals(new RateLimitRule(30, Duration.ofMinutes(1)),
        config.rateLimit(RateLimit.API_PER_ADDRESS));
    assertEquals(RateLimit.API_PER_ACCOUNT.defaultRule(),
        config.rateLimit(RateLimit.API_PER_ACCOUNT));
    ConfigException e = assertThrows(ConfigException.class, () -> EnvironmentConfig.from(
        Map.of("PALERMO_RATE_LIMIT_API_PER_ADDRESS", "lots")));
    assertTrue(e.getMessage().startsWith("PALERMO_RATE_LIMIT_API_PER_ADDRESS"));
  }

  @Test
  void s3BlobStore_needsBucketAndKeys_andHidesSecret() {
    ConfigException missing = assertThrows(ConfigException.class, () -> EnvironmentConfig.from(
        Map.of("PALERMO_BLOB_STORE", "s3", "PALERMO_S3_ENDPOINT", "https://minio:9000")));
    assertTrue(missing.getMessage().contains("PALERMO_S3_BUCKET"));
    ServerConfig config = EnvironmentConfig.from(Map.of("PALERMO_BLOB_STORE", "s3",
        "PALERMO_S3_ENDPOINT", "https://minio:9000", "PALERMO_S3_BUCKET", "evidence",
        "PALERMO_S3_ACCESS_KEY_ID", "AKIA", "PALERMO_S3_SECRET_ACCESS_KEY", "very-secret-key"));
    assertTrue(config.blobStore() instanceof BlobStoreSettings.S3);
    assertFalse(config.toString().contains("very-secret-key"));
  }
}
