package org.palermo.server;

import java.io.PrintStream;
import org.palermo.server.bootstrap.PalermoServer;
import org.palermo.server.config.ConfigException;
import org.palermo.server.config.EnvironmentConfig;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.plugins.PluginHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/run}'s entry point: reads the environment, starts the server, prints where to
 * go, and stops cleanly on SIGTERM or Ctrl-C. A configuration error is one line and exit 2.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    if (args.length > 0) {
      out.println("Usage: scripts/run   (configured by PALERMO_* environment variables; see"
          + " README.md)");
      System.exit(args[0].equals("--help") || args[0].equals("-h") ? 0 : 2);
    }
    PalermoServer server;
    try {
      ServerConfig config = EnvironmentConfig.from(System.getenv());
      server = PalermoServer.create(config).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log.info("Stopping: draining requests");
        server.close();
        log.info("Stopped");
      }, "palermo-shutdown"));
      banner(out, server, config);
    } catch (ConfigException e) {
      System.err.println("palermo: cannot start: " + e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      log.error("Start failed", e);
      System.err.println("palermo: cannot start: an unexpected error, logged above");
      System.exit(1);
    }
  }

  /** "2 started, 1 refused", or "none". */
  private static String plugins(PluginHost host) {
    java.util.Map<PluginHost.State, Long> counts = new java.util.EnumMap<>(
        PluginHost.State.class);
    host.plugins().forEach(p -> counts.merge(p.state(), 1L, Long::sum));
    if (counts.isEmpty()) {
      return "none";
    }
    return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " "
        + e.getKey().name().toLowerCase(java.util.Locale.ROOT)).toList());
  }

  private static void banner(PrintStream out, PalermoServer server, ServerConfig config) {
    String base = server.baseUri().toString();
    var tls = server.tls();
    var installation = server.installation();
    out.println();
    out.println("Palermo is running at " + base);
    out.println("  health       " + base + "api/v1/health");
    out.println("  certificate  " + tls.certificateFile()
        + (tls.generated() ? "  (self-signed development certificate)" : ""));
    out.println("  SHA-256      " + tls.sha256Fingerprint());
    out.println("  database     " + server.embeddedDatabase()
        .map(db -> "embedded MariaDB in " + db.folder()
            + (db.freshlyInstalled() ? " (new)" : " (existing data)"))
        .orElseGet(() -> config.database().orElseThrow().url()));
    out.println("  installation " + installation.id() + ", created " + installation.createdOn());
    out.println("  blobs        " + server.blobStore().describe());
    out.println("  metrics      " + (config.metricsEnabled() ? base + "api/v1/metrics" : "off"));
    out.println("  plugins      " + plugins(server.plugins()) + " in " + config.pluginsDir()
        + "  (" + base + "api/v1/plugins)");
    server.newOperatorKey().ifPresent(key -> {
      out.println("  operator key " + key.sealedFile() + "  (new: certifies State accounts)");
      out.println("               its secret is in " + key.secretFile()
          + ": move that file offline");
    });
    out.println();
    out.println("Try: curl --cacert " + tls.certificateFile() + " " + base + "api/v1/health");
    out.println("Stop with Ctrl-C.");
    out.flush();
  }
}
