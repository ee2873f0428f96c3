package org.palermo.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.palermo.server.bootstrap.PalermoServer;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;

/**
 * The real server on a free port over real HTTPS, with a client that trusts exactly its
 * certificate.
 */
public final class TestServer implements AutoCloseable {
  private final PalermoServer server;
  private final HttpClient client;
  private final ServerConfig config;

  private TestServer(PalermoServer server, ServerConfig config) {
    this.server = server;
    this.config = config;
    this.client = HttpClient.newBuilder()
        .sslContext(trusting(server))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Defaults, a fresh schema on the shared test database, a free port. */
  public static ServerConfig freshConfig() {
    Path data = TestDatabase.folder("server");
    return ServerConfig.defaults(data).withHttpsPort(0).withDatabase(TestDatabase.freshSchema());
  }

  public static TestServer start() {
    return start(UnaryOperator.identity(), Clock.systemUTC(), rc -> {});
  }

  public static TestServer start(UnaryOperator<ServerConfig> adjust, Clock clock,
      Consumer<ResourceConfig> extra) {
    ServerConfig config = adjust.apply(freshConfig());
    return new TestServer(PalermoServer.create(config, clock, extra).start(), config);
  }

  /**
   * A configuration where many people register and log in from one address (the tests' own),
   * within the default limits otherwise.
   */
  /** A server for many people (see {@link #manyPeople}) loading the plugins in {@code folder}. */
  public static TestServer withPlugins(java.nio.file.Path folder) {
    return start(c -> manyPeople(c.withPluginsDir(folder)), Clock.systemUTC(), rc -> { });
  }

  public static ServerConfig manyPeople(ServerConfig config) {
    RateLimitRule generous = new RateLimitRule(10_000, Duration.ofMinutes(1));
    return config.withRateLimit(RateLimit.REGISTER_PER_ADDRESS, generous)
        .withRateLimit(RateLimit.LOGIN_PER_ADDRESS, generous);
  }

  public static TestServer start(ServerConfig config) {
    return new TestServer(PalermoServer.create(config).start(), config);
  }

  public PalermoServer server() {
    return server;
  }

  public ServerConfig config() {
    return config;
  }

  public URI uri(String path) {
    return server.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpClient client() {
    return client;
  }

  @Override
  public void close() {
    server.close();
  }

  /** An SSL context that trusts only the server's own leaf certificate. */
  public static SSLContext trusting(PalermoServer server) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("palermo", server.tls().leaf());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
