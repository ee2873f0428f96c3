package org.palermo.server.bootstrap;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.palermo.server.accounts.AccountResource;
import org.palermo.server.accounts.AccountService;
import org.palermo.server.audit.AuditResource;
import org.palermo.server.audit.AuditService;
import org.palermo.server.blobs.BlobStore;
import org.palermo.server.config.ConfigException;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.disclosure.DisclosedResource;
import org.palermo.server.disclosure.DisclosureResource;
import org.palermo.server.disclosure.DisclosureService;
import org.palermo.server.disclosure.PendingGrantResource;
import org.palermo.server.documents.DocumentListing;
import org.palermo.server.documents.DocumentResource;
import org.palermo.server.documents.DocumentService;
import org.palermo.server.documents.UploadResource;
import org.palermo.server.documents.UploadService;
import org.palermo.server.errors.JsonProblemMapper;
import org.palermo.server.errors.ProblemExceptionMapper;
import org.palermo.server.i18n.LanguageFilter;
import org.palermo.server.errors.UnexpectedExceptionMapper;
import org.palermo.server.errors.WebApplicationExceptionMapper;
import org.palermo.server.events.CoreEventLog;
import org.palermo.server.health.HealthResource;
import org.palermo.server.http.BodyLimitFilter;
import org.palermo.server.http.ProblemErrorHandler;
import org.palermo.server.http.SecurityHeaders;
import org.palermo.server.json.StrictObjectMapper;
import org.palermo.server.metrics.HttpMetricsFilter;
import org.palermo.server.metrics.MetricsResource;
import org.palermo.server.openapi.OpenApiDocument;
import org.palermo.server.openapi.OpenApiResource;
import org.palermo.server.plugins.PluginHost;
import org.palermo.server.plugins.PluginResource;
import org.palermo.server.plugins.PluginRoutes;
import org.palermo.server.plugins.PluginSchemas;
import org.palermo.server.publication.PublicNameResource;
import org.palermo.server.publication.PublicResource;
import org.palermo.server.publication.PublicationService;
import org.palermo.server.ratelimit.AccountRateLimitFilter;
import org.palermo.server.ratelimit.AddressRateLimitFilter;
import org.palermo.server.ratelimit.RateLimitedFeature;
import org.palermo.server.ratelimit.RateLimiter;
import org.palermo.server.sessions.AuthenticationFilter;
import org.palermo.server.sessions.SessionResource;
import org.palermo.server.sessions.SessionService;
import org.palermo.server.states.StateCertificateResource;
import org.palermo.server.states.StateCertificateService;
import org.palermo.server.storage.Database;
import org.palermo.server.storage.EmbeddedMariaDb;
import org.palermo.server.storage.Installation;
import org.palermo.server.storage.ServerSecretDao;
import org.palermo.server.tls.TlsMaterial;
import org.palermo.server.workspaces.WorkspaceResource;
import org.palermo.server.workspaces.WorkspaceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part from a {@link ServerConfig}, starts them in order
 * (database, CDI, Jetty) and stops them in reverse, draining requests first. Tests create one on
 * a free port with {@link #create(ServerConfig)} and talk to it over real HTTPS.
 */
public final class PalermoServer implements AutoCloseable {
  static {
    // Weld logs through JBoss Logging; send it to the same SLF4J output as everything else.
    System.setProperty("org.jboss.logging.provider", "slf4j");
  }

  private static final Logger log = LoggerFactory.getLogger(PalermoServer.class);

  /** The REST resources of the core; the OpenAPI document describes exactly these. */
  public static final Set<Class<?>> RESOURCES = Set.of(HealthResource.class,
      OpenApiResource.class, MetricsResource.class, AccountResource.class, SessionResource.class,
      WorkspaceResource.class, DocumentResource.class, UploadResource.class,
      StateCertificateResource.class, DisclosureResource.class, DisclosedResource.class,
      PublicResource.class, PublicNameResource.class, AuditResource.class, PluginResource.class,
      PendingGrantResource.class);

  private final ServerConfig config;
  private final Clock clock;
  private final Consumer<ResourceConfig> customizer;
  private final List<AutoCloseable> started = new ArrayList<>();
  private Server jetty;
  private ServerConnector connector;
  private Database database;
  private EmbeddedMariaDb embeddedDb;
  private PluginHost plugins;
  private CoreEventLog events;
  private TlsMaterial tls;
  private BlobStore blobStore;
  private UploadService uploads;
  private Optional<StateCertificateService.Opened> operatorKey = Optional.empty();

  private PalermoServer(ServerConfig config, Clock clock, Consumer<ResourceConfig> customizer) {
    this.config = config;
    this.clock = clock;
    this.customizer = customizer;
  }

  /** A server for {@code config}, not yet started. */
  public static PalermoServer create(ServerConfig config) {
    return new PalermoServer(config, Clock.systemUTC(), rc -> {});
  }

  /**
   * A server with extra JAX-RS components: for tests that need a route the product does not
   * have (a handler that fails on purpose, a malicious-server hook).
   */
  public static PalermoServer create(ServerConfig config, Clock clock,
      Consumer<ResourceConfig> customizer) {
    return new PalermoServer(config, clock, customizer);
  }

  /**
   * Starts the database (embedded unless configured), migrates it, then CDI and Jetty.
   *
   * @throws ConfigException with a one-line reason when something the operator controls is wrong
   */
  public synchronized PalermoServer start() {
    try {
      // Cheap checks first: a taken port or a bad certificate fails before the database starts.
      PrometheusMeterRegistry meters = meters();
      tls = Tls.material(config, clock);
      jetty = jetty();
      openConnector();

      DatabaseSettings settings = config.database().orElseGet(this::startEmbeddedDatabase);
      database = Database.open(settings, meters, clock);
      started.add(database);
      blobStore = BlobStores.open(config.blobStore());
      if (blobStore instanceof AutoCloseable closeable) {
        started.add(closeable);
      }
      OpenApiDocument core = OpenApiDocument.load();
      RateLimiter rateLimiter = new RateLimiter(clock, config::rateLimit);
      SessionService sessions = new SessionService(database.jdbi(), clock);
      SecureRandom random = new SecureRandom();
      AccountService accounts = new AccountService(database.jdbi(), clock, sessions, rateLimiter,
          random);
      events = new CoreEventLog(clock);
      WorkspaceService workspaces = new WorkspaceService(database.jdbi(), clock, accounts,
          config.workspaceQuotaBytes(), events);
      AuditService audit = AuditService.open(database.jdbi(), workspaces, clock, random);
      StateCertificateService states = new StateCertificateService(database.jdbi(), clock);
      operatorKey = states.openIfEmpty(config.dataDir().resolve("operator"));
      DocumentService documents = new DocumentService(database.jdbi(), blobStore, workspaces,
          states, audit, clock);
      DocumentListing listing = new DocumentListing(documents, DocumentListing.CACHE_BYTES);
      DisclosureService disclosures = new DisclosureService(database.jdbi(), workspaces, states,
          audit, clock, events);
      PublicationService publications = new PublicationService(database.jdbi(), workspaces,
          accounts);
      uploads = new UploadService(database.jdbi(), clock, blobStore, workspaces, accounts,
          audit, random, events);
      // A plugin that does not fit or fails to start is listed with its reason; the core runs.
      byte[] candidate = new byte[32];
      random.nextBytes(candidate);
      byte[] pluginPasswords = database.jdbi().onDemand(ServerSecretDao.class)
          .ensure("plugin-database-passwords", candidate);
      plugins = PluginHost.start(config.pluginsDir(), new PluginHost.Services(
          database.jdbi(), clock, new PluginSchemas(settings, pluginPasswords),
          config.pluginEvents(), states::certifiedStateNow,
          (ws, sequence) -> audit.pluginAction(ws, sequence).map(a ->
              new org.palermo.plugin.api.WorkspaceViews.AuditedAction(a.accountId(),
                  a.plugin(), a.subject(), a.action()))));
      started.add(plugins);
      OpenApiDocument openApi = core.withPluginPaths(plugins.openApiPaths());

      Weld weld = new Weld("palermo-" + Integer.toHexString(System.identityHashCode(this)))
          .property("org.jboss.weld.se.shutdownHook", false)
          .addExtension(new ServerBeans(List.of(config, clock, database, blobStore, meters,
              openApi, rateLimiter, sessions, accounts, workspaces, documents, listing,
              uploads, states, disclosures, publications, audit, plugins)));
      WeldContainer container = weld.initialize();
      started.add(container::shutdown);

      ResourceConfig rc = resourceConfig(meters, rateLimiter, sessions);
      PluginRoutes.register(rc, plugins);
      jetty.setHandler(handlers(rc));
      started.add(jetty::stop);
      jetty.start();
      plugins.startEvents();
      scheduleHousekeeping();
      return this;
    } catch (Exception e) {
      close();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("The server did not start", e);
    }
  }

  /**
   * Hourly: uploads abandoned for a week are dropped and their quota released; plugin events
   * older than {@link CoreEventLog#RETENTION} are deleted.
   */
  private void scheduleHousekeeping() {
    ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "palermo-housekeeping");
      t.setDaemon(true);
      return t;
    });
    started.add(housekeeping::shutdownNow);
    housekeeping.scheduleWithFixedDelay(() -> {
      try {
        expireAbandonedUploads();
      } catch (RuntimeException | IOException e) {
        log.warn("Dropping abandoned uploads failed; next try in an hour: {}",
            e.getClass().getSimpleName());
      }
    }, 1, 60, TimeUnit.MINUTES);
    housekeeping.scheduleWithFixedDelay(() -> {
      try {
        int pruned = events.prune(database.jdbi());
        if (pruned > 0) {
          log.info("Deleted {} plugin events older than {} days", pruned,
              CoreEventLog.RETENTION.toDays());
        }
      } catch (RuntimeException e) {
        log.warn("Deleting old plugin events failed; next try in an hour: {}",
            e.getClass().getSimpleName());
      }
    }, 2, 60, TimeUnit.MINUTES);
  }

  /** Drops uploads abandoned for {@link UploadService#ABANDONED_AFTER}; returns how many. */
  public int expireAbandonedUploads() throws IOException {
    int dropped = uploads.expireAbandoned();
    if (dropped > 0) {
      log.info("Dropped {} uploads abandoned for more than {} days", dropped,
          UploadService.ABANDONED_AFTER.toDays());
    }
    return dropped;
  }

  private void openConnector() {
    started.add(connector::close);
    try {
      connector.open();
    } catch (IOException e) {
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        throw new ConfigException("Port " + config.httpsPort() + " on " + config.bindHost()
            + " is already in use: stop the other program or set PALERMO_HTTPS_PORT");
      }
      throw new ConfigException("Cannot listen on " + config.bindHost() + ":"
          + config.httpsPort() + " (PALERMO_BIND, PALERMO_HTTPS_PORT): " + e.getMessage(), e);
    }
  }

  private DatabaseSettings startEmbeddedDatabase() {
    embeddedDb = EmbeddedMariaDb.start(config.dataDir().resolve("mariadb"));
    started.add(embeddedDb);
    return embeddedDb.provision("palermo", "palermo").withAdmin(embeddedDb.administrator());
  }

  private PrometheusMeterRegistry meters() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    started.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    started.add(registry::close);
    return registry;
  }

  private ResourceConfig resourceConfig(PrometheusMeterRegistry meters, RateLimiter limiter,
      SessionService sessions) {
    ResourceConfig rc = new ResourceConfig();
    RESOURCES.forEach(rc::register);
    rc.register(JacksonFeature.withoutExceptionMappers());
    rc.register(StrictObjectMapper.class);
    rc.register(new BodyLimitFilter(config.maxBodyBytes(),
        Pattern.compile(UploadResource.STREAM_PATH)));
    rc.register(new AddressRateLimitFilter(limiter));
    rc.register(new AuthenticationFilter(sessions));
    rc.register(new AccountRateLimitFilter(limiter));
    rc.register(new RateLimitedFeature(limiter));
    rc.register(new HttpMetricsFilter(meters));
    rc.register(ProblemExceptionMapper.class);
    rc.register(LanguageFilter.class);
    rc.register(WebApplicationExceptionMapper.class);
    rc.register(JsonProblemMapper.class);
    rc.register(UnexpectedExceptionMapper.class);
    rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    rc.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    rc.property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
    customizer.accept(rc);
    return rc;
  }

  private Server jetty() {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("palermo-http");
    Server server = new Server(threads);
    connector = Tls.connector(server, config, tls);
    server.addConnector(connector);
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopTimeout(config.drainTimeout().toMillis());
    server.setStopAtShutdown(false);
    return server;
  }

  private Handler handlers(ResourceConfig resources) {
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new ServletContainer(resources)), "/*");
    context.setErrorHandler(new ProblemErrorHandler());
    return new GracefulHandler(new SecurityHeaders(context));
  }

  /** The port the server listens on: the configured one, or the one chosen for port 0. */
  public int port() {
    return connector.getLocalPort();
  }

  public URI baseUri() {
    String host = config.bindHost().contains(":") ? "[" + config.bindHost() + "]"
        : config.bindHost().equals("0.0.0.0") ? "127.0.0.1" : config.bindHost();
    return URI.create("https://" + host + ":" + port() + "/");
  }

  public TlsMaterial tls() {
    return tls;
  }

  public Installation installation() {
    return database.installation();
  }

  /** The operator key this start made for the State certificate list, if it made one. */
  public Optional<StateCertificateService.Opened> newOperatorKey() {
    return operatorKey;
  }

  public Optional<EmbeddedMariaDb> embeddedDatabase() {
    return Optional.ofNullable(embeddedDb);
  }

  /** The plugins found at start, with their states. */
  public PluginHost plugins() {
    return plugins;
  }

  public BlobStore blobStore() {
    return blobStore;
  }

  /**
   * Stops accepting, lets requests in flight finish (up to the drain timeout), then stops CDI,
   * the pool and the embedded database. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("Stopping {} failed: {}", started.get(i).getClass().getSimpleName(),
            e.getMessage());
      }
    }
    started.clear();
  }
}
