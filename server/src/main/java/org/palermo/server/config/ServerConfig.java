package org.palermo.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;

/**
 * Everything the server is told at start. Built from the environment by {@link
 * EnvironmentConfig}; tests build it directly.
 *
 * @param dataDir folder for the embedded database, the development certificate and local blobs
 * @param bindHost address the HTTPS connector binds
 * @param httpsPort port, 0 for any free port
 * @param tlsCertificate operator PEM certificate chain, empty for the development certificate
 * @param tlsPrivateKey operator PEM private key, present exactly when the certificate is
 * @param database operator MariaDB, empty for the embedded one
 * @param blobStore where blobs live
 * @param metricsEnabled whether {@code /api/v1/metrics} answers
 * @param maxBodyBytes largest request body accepted by routes without their own limit
 * @param maxHeaderBytes largest request line plus headers
 * @param drainTimeout how long a stop waits for requests in flight
 * @param rateLimitOverrides operator changes to the defaults of {@link RateLimit}
 * @param workspaceQuotaBytes sealed bytes one workspace may hold
 * @param pluginsDir the folder of plugin jars ({@code PALERMO_PLUGINS_DIR}; default
 *     {@code plugins} in the data folder)
 * @param pluginEvents how core events are delivered to plugins (time limit, tries, pauses)
 */
public record ServerConfig(
    Path dataDir,
    String bindHost,
    int httpsPort,
    Optional<Path> tlsCertificate,
    Optional<Path> tlsPrivateKey,
    Optional<DatabaseSettings> database,
    BlobStoreSettings blobStore,
    boolean metricsEnabled,
    long maxBodyBytes,
    int maxHeaderBytes,
    Duration drainTimeout,
    Map<RateLimit, RateLimitRule> rateLimitOverrides,
    long workspaceQuotaBytes,
    Path pluginsDir,
    PluginEventSettings pluginEvents) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_HTTPS_PORT = 8443;
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(15);
  /** Sealed bytes a workspace may hold (documents, versions and open uploads): 20 GiB. */
  public static final long DEFAULT_WORKSPACE_QUOTA_BYTES = 20L * 1024 * 1024 * 1024;

  public ServerConfig {
    rateLimitOverrides = Map.copyOf(rateLimitOverrides);
    if (tlsCertificate.isPresent() != tlsPrivateKey.isPresent()) {
      throw new ConfigException(
          "PALERMO_TLS_CERT and PALERMO_TLS_KEY go together: set both, or neither for the"
              + " development certificate");
    }
  }

  /** Defaults for a server whose data lives in {@code dataDir}: what {@code scripts/run} gives. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        dataDir,
        DEFAULT_BIND,
        DEFAULT_HTTPS_PORT,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new BlobStoreSettings.Local(dataDir.resolve("blobs")),
        true,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_DRAIN_TIMEOUT,
        Map.of(),
        DEFAULT_WORKSPACE_QUOTA_BYTES,
        dataDir.resolve("plugins"),
        PluginEventSettings.DEFAULTS);
  }

  public RateLimitRule rateLimit(RateLimit limit) {
    return rateLimitOverrides.getOrDefault(limit, limit.defaultRule());
  }

  public ServerConfig withDatabase(DatabaseSettings settings) {
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        Optional.of(settings), blobStore, metricsEnabled, maxBodyBytes, maxHeaderBytes,
        drainTimeout, rateLimitOverrides, workspaceQuotaBytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withHttpsPort(int port) {
    return new ServerConfig(dataDir, bindHost, port, tlsCertificate, tlsPrivateKey, database,
        blobStore, metricsEnabled, maxBodyBytes, maxHeaderBytes, drainTimeout,
        rateLimitOverrides, workspaceQuotaBytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withMaxBodyBytes(long bytes) {
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        database, blobStore, metricsEnabled, bytes, maxHeaderBytes, drainTimeout,
        rateLimitOverrides, workspaceQuotaBytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withMetricsEnabled(boolean enabled) {
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        database, blobStore, enabled, maxBodyBytes, maxHeaderBytes, drainTimeout,
        rateLimitOverrides, workspaceQuotaBytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withRateLimit(RateLimit limit, RateLimitRule rule) {
    var overrides = new java.util.EnumMap<RateLimit, RateLimitRule>(RateLimit.class);
    overrides.putAll(rateLimitOverrides);
    overrides.put(limit, rule);
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        database, blobStore, metricsEnabled, maxBodyBytes, maxHeaderBytes, drainTimeout,
        overrides, workspaceQuotaBytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withTls(Path certificate, Path privateKey) {
    return new ServerConfig(dataDir, bindHost, httpsPort, Optional.of(certificate),
        Optional.of(privateKey), database, blobStore, metricsEnabled, maxBodyBytes,
        maxHeaderBytes, drainTimeout, rateLimitOverrides, workspaceQuotaBytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withWorkspaceQuotaBytes(long bytes) {
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        database, blobStore, metricsEnabled, maxBodyBytes, maxHeaderBytes, drainTimeout,
        rateLimitOverrides, bytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withBlobStore(BlobStoreSettings settings) {
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        database, settings, metricsEnabled, maxBodyBytes, maxHeaderBytes, drainTimeout,
        rateLimitOverrides, workspaceQuotaBytes, pluginsDir, pluginEvents);
  }

  public ServerConfig withPluginsDir(Path folder) {
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        database, blobStore, metricsEnabled, maxBodyBytes, maxHeaderBytes, drainTimeout,
        rateLimitOverrides, workspaceQuotaBytes, folder, pluginEvents);
  }

  public ServerConfig withPluginEvents(PluginEventSettings settings) {
    return new ServerConfig(dataDir, bindHost, httpsPort, tlsCertificate, tlsPrivateKey,
        database, blobStore, metricsEnabled, maxBodyBytes, maxHeaderBytes, drainTimeout,
        rateLimitOverrides, workspaceQuotaBytes, pluginsDir, settings);
  }

  /** Whether the connector is reachable only from this machine. */
  public boolean bindsLoopbackOnly() {
    return isLoopback(bindHost);
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
  }
}
