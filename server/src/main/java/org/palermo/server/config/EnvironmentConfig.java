package org.palermo.server.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.palermo.server.blobs.S3BlobStoreSettings;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;

/**
 * Reads {@link ServerConfig} from {@code PALERMO_*} environment variables. Every bad value ends
 * in a {@link ConfigException} that names the variable. The README lists them all.
 */
public final class EnvironmentConfig {
  private final Map<String, String> env;

  private EnvironmentConfig(Map<String, String> env) {
    this.env = env;
  }

  public static ServerConfig from(Map<String, String> env) {
    return new EnvironmentConfig(env).read();
  }

  private ServerConfig read() {
    Path dataDir = Path.of(get("PALERMO_DATA_DIR").orElse("data")).toAbsolutePath().normalize();
    String bind = get("PALERMO_BIND").orElse(ServerConfig.DEFAULT_BIND);
    int port = integer("PALERMO_HTTPS_PORT", ServerConfig.DEFAULT_HTTPS_PORT, 0, 65535);
    Optional<Path> cert = get("PALERMO_TLS_CERT").map(Path::of);
    Optional<Path> key = get("PALERMO_TLS_KEY").map(Path::of);
    // Metrics say how busy the server is: on by default only where no one else can reach them.
    boolean loopback = ServerConfig.isLoopback(bind);
    return new ServerConfig(
        dataDir,
        bind,
        port,
        cert,
        key,
        database(),
        blobStore(dataDir),
        bool("PALERMO_METRICS", loopback),
        integer("PALERMO_MAX_BODY_BYTES", (int) ServerConfig.DEFAULT_MAX_BODY_BYTES, 1024,
            Integer.MAX_VALUE),
        integer("PALERMO_MAX_HEADER_BYTES", ServerConfig.DEFAULT_MAX_HEADER_BYTES, 1024,
            1024 * 1024),
        Duration.ofSeconds(integer("PALERMO_DRAIN_SECONDS",
            (int) ServerConfig.DEFAULT_DRAIN_TIMEOUT.toSeconds(), 0, 3600)),
        rateLimits(),
        integer("PALERMO_WORKSPACE_QUOTA_MIB",
            (int) (ServerConfig.DEFAULT_WORKSPACE_QUOTA_BYTES >> 20), 1, Integer.MAX_VALUE)
            * 1024L * 1024L,
        get("PALERMO_PLUGINS_DIR").map(Path::of).orElse(dataDir.resolve("plugins"))
            .toAbsolutePath().normalize(),
        new PluginEventSettings(
            Duration.ofSeconds(integer("PALERMO_PLUGIN_EVENT_TIMEOUT_SECONDS",
                (int) PluginEventSettings.DEFAULTS.handlerTimeout().toSeconds(), 1, 600)),
            integer("PALERMO_PLUGIN_EVENT_ATTEMPTS", PluginEventSettings.DEFAULTS.attempts(), 1,
                50),
            PluginEventSettings.DEFAULTS.firstPause(), PluginEventSettings.DEFAULTS.poll()));
  }

  private Optional<DatabaseSettings> database() {
    Optional<String> url = get("PALERMO_DB_URL");
    if (url.isEmpty()) {
      for (String other : new String[] {"PALERMO_DB_USER", "PALERMO_DB_PASSWORD",
          "PALERMO_DB_PASSWORD_FILE", "PALERMO_DB_ADMIN_USER", "PALERMO_DB_ADMIN_PASSWORD",
          "PALERMO_DB_ADMIN_PASSWORD_FILE"}) {
        if (get(other).isPresent()) {
          throw new ConfigException(other + " is set but PALERMO_DB_URL is not: set the URL"
              + " too, or unset it to use the embedded database");
        }
      }
      return Optional.empty();
    }
    if (!url.get().startsWith("jdbc:mariadb://") && !url.get().startsWith("jdbc:mysql://")) {
      throw new ConfigException("PALERMO_DB_URL must look like jdbc:mariadb://host:3306/palermo");
    }
    String user = get("PALERMO_DB_USER").orElseThrow(() ->
        new ConfigException("PALERMO_DB_URL is set: set PALERMO_DB_USER too"));
    DatabaseSettings settings = new DatabaseSettings(url.get(), user,
        secret("PALERMO_DB_PASSWORD"));
    // Optional: an account that creates each storage plugin's schema and database user.
    Optional<String> admin = get("PALERMO_DB_ADMIN_USER");
    if (admin.isEmpty()) {
      if (get("PALERMO_DB_ADMIN_PASSWORD").isPresent()
          || get("PALERMO_DB_ADMIN_PASSWORD_FILE").isPresent()) {
        throw new ConfigException("PALERMO_DB_ADMIN_PASSWORD is set but PALERMO_DB_ADMIN_USER"
            + " is not: set both, or neither");
      }
      return Optional.of(settings);
    }
    return Optional.of(settings.withAdmin(new DatabaseSettings.Admin(admin.get(),
        secret("PALERMO_DB_ADMIN_PASSWORD"), "%")));
  }

  private BlobStoreSettings blobStore(Path dataDir) {
    String kind = get("PALERMO_BLOB_STORE").orElse("local");
    switch (kind) {
      case "local":
        return new BlobStoreSettings.Local(
            get("PALERMO_BLOB_DIR").map(Path::of).orElse(dataDir.resolve("blobs"))
                .toAbsolutePath().normalize());
      case "s3":
        URI endpoint;
        try {
          endpoint = URI.create(require("PALERMO_S3_ENDPOINT"));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("PALERMO_S3_ENDPOINT is not a URL");
        }
        try {
          return new BlobStoreSettings.S3(new S3BlobStoreSettings(
              endpoint,
              get("PALERMO_S3_REGION").orElse("us-east-1"),
              require("PALERMO_S3_BUCKET"),
              require("PALERMO_S3_ACCESS_KEY_ID"),
              secret("PALERMO_S3_SECRET_ACCESS_KEY"),
              bool("PALERMO_S3_PATH_STYLE", true),
              get("PALERMO_S3_PREFIX").orElse("blobs/")));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("PALERMO_S3_*: " + e.getMessage());
        }
      default:
        throw new ConfigException("PALERMO_BLOB_STORE must be 'local' or 's3', got '" + kind + "'");
    }
  }

  private Map<RateLimit, RateLimitRule> rateLimits() {
    Map<RateLimit, RateLimitRule> overrides = new EnumMap<>(RateLimit.class);
    for (RateLimit limit : RateLimit.values()) {
      get(limit.environmentVariable()).ifPresent(text -> overrides.put(limit,
          RateLimitRule.parse(text).orElseThrow(() -> new ConfigException(
              limit.environmentVariable() + " must look like 600/1m (requests per seconds s,"
                  + " minutes m or hours h), got '" + text + "'"))));
    }
    return overrides;
  }

  /** A secret from {@code NAME} or from the file named by {@code NAME_FILE}, not both. */
  private String secret(String name) {
    Optional<String> direct = get(name);
    Optional<String> file = get(name + "_FILE");
    if (direct.isPresent() && file.isPresent()) {
      throw new ConfigException("Set " + name + " or " + name + "_FILE, not both");
    }
    if (file.isPresent()) {
      try {
        return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException("Cannot read " + name + "_FILE " + file.get() + ": "
            + FileProblems.reason(e).orElse("unreadable"));
      }
    }
    return direct.orElseThrow(() -> new ConfigException("Set " + name + " or " + name + "_FILE"));
  }

  private String require(String name) {
    return get(name).orElseThrow(() -> new ConfigException(name + " is required"));
  }

  private int integer(String name, int fallback, int min, int max) {
    Optional<String> text = get(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get().trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name + " must be a whole number from " + min + " to " + max
        + ", got '" + text.get() + "'");
  }

  private boolean bool(String name, boolean fallback) {
    Optional<String> text = get(name);
    if (text.isEmpty()) {
      return fallback;
    }
    return switch (text.get().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw new ConfigException(name + " must be on or off, got '" + text.get() + "'");
    };
  }

  private Optional<String> get(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }
}
