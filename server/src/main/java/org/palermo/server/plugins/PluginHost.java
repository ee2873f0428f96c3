package org.palermo.server.plugins;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.palermo.plugin.api.Capability;
import org.palermo.plugin.api.PalermoPlugin;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.WorkspaceViews;
import org.palermo.server.config.PluginEventSettings;
import org.palermo.server.sessions.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins in the plugin folder at start: each jar's descriptor is checked, each
 * plugin gets its own {@link PluginClassLoader}, and its entry point is started. A plugin that
 * does not fit is refused with one reason, one that fails to start is marked failed; neither
 * stops the core or the other plugins. Every plugin, whatever its state, is listed.
 */
public final class PluginHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

  /** Where a plugin stands. */
  public enum State {
    /** Loaded and started. */
    STARTED,
    /** Not loaded: its descriptor, its jar or its API version does not fit. */
    REFUSED,
    /** Not loaded: the operator has not enabled it. */
    DISABLED,
    /** Loaded, but its entry point could not be made or threw when started. */
    FAILED
  }

  /**
   * One plugin as the host sees it; {@code reason} says why when it is not started;
   * {@code warnings} what the operator should know about a started one.
   */
  public record Plugin(String file, String id, String version, State state,
      Set<Capability> capabilities, String reason, List<String> warnings) {
    Plugin(String file, String id, String version, State state, Set<Capability> capabilities,
        String reason) {
      this(file, id, version, state, capabilities, reason, List.of());
    }
  }

  /** What the host hands plugins, as their capabilities allow. */
  public record Services(org.jdbi.v3.core.Jdbi jdbi, java.time.Clock clock,
      PluginSchemas schemas, PluginEventSettings events, StateLookup states,
      AuditLookup audits) {}

  /** A member's plugin action at a sequence of a workspace's audit log, if it is one. */
  @FunctionalInterface
  public interface AuditLookup {
    Optional<WorkspaceViews.AuditedAction> action(byte[] workspaceId, long sequence);
  }

  /** The State of an account's certificate in force now, if it has one. */
  @FunctionalInterface
  public interface StateLookup {
    Optional<String> certifiedState(byte[] accountId);
  }

  /** The UN languages besides English, whose message files the host looks for. */
  private static final List<String> OTHER_UN_LANGUAGES = List.of("ar", "es", "fr", "ru", "zh");

  private final List<Plugin> plugins;
  private final List<Running> running;
  private final EventDelivery delivery;

  private record Running(PluginDescriptor descriptor, PalermoPlugin plugin,
      PluginClassLoader loader, HikariDataSource storage, List<Object> resources) {}

  /** How long a plugin may take to be made, started and to give its resources. */
  static final java.time.Duration START_TIMEOUT = java.time.Duration.ofSeconds(30);

  private record Started(PalermoPlugin plugin, List<Object> resources,
      HikariDataSource storage) {
    /** Stops the plugin (if it was made) and closes its pool, best effort. */
    void dispose(PluginDescriptor d) {
      if (plugin != null) {
        try {
          plugin.stop();
        } catch (RuntimeException | LinkageError e) {
          LOG.warn("Plugin {} failed to stop: {}", d.id(), e.toString());
        }
      }
      if (storage != null) {
        storage.close();
      }
    }
  }

  /** A plugin that did not start in time: the host goes on without it. */
  private static final class StartTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    StartTimeoutException(java.time.Duration limit) {
      super("it did not start within " + limit.toSeconds() + " seconds");
    }
  }

  /**
   * Makes and starts the plugin, and asks for its resources, on a thread of its own, so a plugin
   * that hangs there delays the server's start by {@code limit} at most.
   */
  private static Started startWithin(java.time.Duration limit, Path folder,
      PluginClassLoader loader, PluginDescriptor d, WorkspaceViews views, StateLookup states,
      PluginSchemas schemas) throws Exception {
    java.util.concurrent.ExecutorService starter =
        java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "plugin-" + d.id() + "-start");
          t.setDaemon(true);
          t.setContextClassLoader(loader);
          return t;
        });
    // Whoever sets it first owns the outcome: the host (it waited for it) or, after the host
    // gave up, the task itself, which then stops the plugin and closes its pool.
    java.util.concurrent.atomic.AtomicBoolean claimed =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.Future<Started> task = starter.submit(() -> {
      Started started = start(folder, loader, d, views, states, schemas);
      if (!claimed.compareAndSet(false, true)) {
        LOG.warn("Plugin {} started after the host gave up on it; stopping it", d.id());
        started.dispose(d);
      }
      return started;
    });
    try {
      return task.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      if (!claimed.compareAndSet(false, true)) {
        return task.get(); // it finished just now
      }
      task.cancel(true);
      throw new StartTimeoutException(limit);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof LinkageError le) {
        throw le;
      }
      throw e;
    } finally {
      starter.shutdown();
    }
  }

  /**
   * Opens the plugin's storage (its migrations included), makes and starts it and asks for its
   * resources; on a failure, undoes what it did before throwing.
   */
  private static Started start(Path folder, PluginClassLoader loader, PluginDescriptor d,
      WorkspaceViews views, StateLookup states, PluginSchemas schemas) throws Exception {
    HikariDataSource storage = null;
    PalermoPlugin plugin = null;
    try {
      if (d.capabilities().contains(Capability.STORAGE)) {
        storage = schemas.open(d.id(), loader);
      }
      plugin = instantiate(loader, d);
      plugin.start(context(folder, d, views, states, storage, loader));
      List<Object> resources = List.of();
      if (d.capabilities().contains(Capability.REST)) {
        try {
          resources = List.copyOf(plugin.resources());
        } catch (RuntimeException | LinkageError e) {
          LOG.warn("Plugin {} gave no resources: {}", d.id(), e.toString());
        }
      }
      return new Started(plugin, resources, storage);
    } catch (Exception | LinkageError e) {
      new Started(plugin, List.of(), storage).dispose(d);
      throw e;
    }
  }

  /** The REST resources a started plugin that declared {@code rest} mounts. */
  public record Mount(String id, java.util.List<Object> resources) {}

  private PluginHost(List<Plugin> plugins, List<Running> running, EventDelivery delivery) {
    this.plugins = Collections.unmodifiableList(plugins);
    this.running = running;
    this.delivery = delivery;
  }

  /**
   * Loads and starts every {@code *.jar} in {@code folder} (none if it does not exist) that the
   * operator enabled, with the capabilities the operator approved.
   */
  public static PluginHost start(Path folder, Services services) {
    PluginApprovals approvals = PluginApprovals.read(folder);
    WorkspaceViews views = new PluginViews(services.jdbi(), services.audits());
    List<Path> jars = new ArrayList<>();
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> all = Files.newDirectoryStream(folder, "*.jar")) {
        all.forEach(jars::add);
      } catch (IOException e) {
        LOG.warn("Cannot read the plugin folder {}: {}", folder, e.getMessage());
      }
    }
    Collections.sort(jars);
    List<Plugin> plugins = new ArrayList<>();
    List<Running> running = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    ClassLoader host = PluginHost.class.getClassLoader();
    for (Path jar : jars) {
      String file = jar.getFileName().toString();
      PluginDescriptor d = null;
      try {
        d = descriptor(jar);
        if (!ids.add(d.id())) {
          throw new PluginRefusedException("another plugin already has the id '" + d.id() + "'");
        }
        Optional<Set<Capability>> approved = approvals.approved(d.id());
        if (approved.isEmpty()) {
          plugins.add(new Plugin(file, d.id(), d.version(), State.DISABLED, d.capabilities(),
              "the operator has not enabled it (palermo admin plugins enable " + d.id() + ")"));
          continue;
        }
        for (Capability c : d.capabilities()) {
          if (!approved.get().contains(c)) {
            throw new PluginRefusedException("it asks for the capability '" + c.label()
                + "', which the operator has not approved (palermo admin plugins enable "
                + d.id() + " --approve " + String.join(",", d.capabilities().stream()
                    .map(Capability::label).sorted().toList()) + ")");
          }
        }
      } catch (PluginRefusedException e) {
        plugins.add(new Plugin(file, d == null ? null : d.id(), d == null ? null : d.version(),
            State.REFUSED, d == null ? Set.of() : d.capabilities(), e.getMessage()));
        LOG.warn("Plugin {} refused: {}", file, e.getMessage());
        continue;
      }
      PluginClassLoader loader;
      try {
        loader = new PluginClassLoader(d.id(), jar.toUri().toURL(), host);
      } catch (MalformedURLException e) {
        plugins.add(new Plugin(file, d.id(), d.version(), State.REFUSED, d.capabilities(),
            "its path is not a URL"));
        continue;
      }
      try {
        List<String> warnings = new ArrayList<>();
        for (String unstable : UnstableUsage.find(jar)) {
          warnings.add("it uses " + unstable + ", which may change in a minor version of the"
              + " plugin API");
        }
        if (d.capabilities().contains(Capability.MESSAGES)) {
          messages(d, loader, Locale.ROOT); // the base file must be there
          for (String language : OTHER_UN_LANGUAGES) {
            if (loader.findResource(d.messages() + "_" + language + ".properties") == null) {
              warnings.add("its messages have no " + language + " translation ("
                  + d.messages() + "_" + language + ".properties); English is shown instead");
            }
          }
        }
        Started started = startWithin(START_TIMEOUT, folder, loader, d, views,
            services.states(), services.schemas());
        running.add(new Running(d, started.plugin(), loader, started.storage(),
            started.resources()));
        plugins.add(new Plugin(file, d.id(), d.version(), State.STARTED, d.capabilities(),
            null, List.copyOf(warnings)));
        for (String w : warnings) {
          LOG.warn("Plugin {}: {}", d.id(), w);
        }
        LOG.info("Plugin {} {} started", d.id(), d.version());
      } catch (Exception | LinkageError e) {
        String reason = e instanceof PluginSchemas.PluginStorageException
            || e instanceof MissingResourceException || e instanceof StartTimeoutException
            ? e.getMessage()
            : "it failed to start: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        plugins.add(new Plugin(file, d.id(), d.version(), State.FAILED, d.capabilities(),
            reason));
        LOG.warn("Plugin {} not started: {}", d.id(), reason);
        closeQuietly(loader);
      }
    }
    List<EventDelivery.Subscriber> subscribers = running.stream()
        .filter(r -> r.descriptor().capabilities().contains(Capability.EVENTS))
        .map(r -> new EventDelivery.Subscriber(r.descriptor().id(), r.plugin(), r.loader()))
        .toList();
    EventDelivery delivery;
    try {
      delivery = new EventDelivery(services.jdbi(), services.clock(), services.events(),
          subscribers);
    } catch (RuntimeException e) {
      new PluginHost(plugins, running, null).close();
      throw e;
    }
    return new PluginHost(plugins, running, delivery);
  }

  /** Starts delivering core events to the plugins that receive them. */
  public void startEvents() {
    delivery.start();
  }

  /** The dead letters of a started plugin with {@code events}, if it is one. */
  Optional<EventDelivery.DeadLetters> deadLetters(String id) {
    return running.stream()
        .filter(r -> r.descriptor().id().equals(id)
            && r.descriptor().capabilities().contains(Capability.EVENTS))
        .findFirst().map(r -> delivery.deadLetters(id));
  }

  private static ResourceBundle messages(PluginDescriptor d, ClassLoader loader, Locale locale) {
    try {
      return ResourceBundle.getBundle(d.messages(), locale, loader,
          ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    } catch (MissingResourceException e) {
      throw new MissingResourceException("its messages " + d.messages() + ".properties are"
          + " not in its jar", d.messages(), "");
    }
  }

  /** Every plugin in the folder, in file order, with its state. */
  public List<Plugin> plugins() {
    return plugins;
  }

  /** Where a plugin describes its own routes, relative to its mount, in OpenAPI 3.1. */
  static final String OPENAPI = "META-INF/palermo-plugin-openapi.yaml";

  /**
   * The paths each started plugin with {@code rest} describes in its fragment ({@link #OPENAPI},
   * a document with a {@code paths} map whose keys start with {@code /}), by plugin id.
   */
  public Map<String, Map<String, Object>> openApiPaths() {
    Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
    for (Running r : running) {
      if (!r.descriptor().capabilities().contains(Capability.REST)) {
        continue;
      }
      java.net.URL fragment = r.loader().findResource(OPENAPI);
      if (fragment == null) {
        continue;
      }
      try (InputStream in = fragment.openStream()) {
        Object doc = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor
            .SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(in);
        if (doc instanceof Map<?, ?> map && map.get("paths") instanceof Map<?, ?> paths
            && paths.keySet().stream().allMatch(k -> k instanceof String p
                && p.startsWith("/"))) {
          Map<String, Object> copy = new java.util.LinkedHashMap<>();
          paths.forEach((k, v) -> copy.put((String) k, v));
          out.put(r.descriptor().id(), copy);
        } else {
          LOG.warn("Plugin {}: {} has no paths map with keys starting with /; not merged",
              r.descriptor().id(), OPENAPI);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("Plugin {}: {} cannot be read: {}", r.descriptor().id(), OPENAPI,
            e.getMessage());
      }
    }
    return out;
  }

  /** What started plugins that declared {@code rest} mount (one that threw, nothing). */
  public List<Mount> mounts() {
    List<Mount> out = new ArrayList<>();
    for (Running r : running) {
      if (!r.descriptor().capabilities().contains(Capability.REST)) {
        continue;
      }
      out.add(new Mount(r.descriptor().id(), r.resources()));
    }
    return out;
  }

  @Override
  public void close() {
    if (delivery != null) {
      delivery.close();
    }
    for (Running r : running) {
      try {
        r.plugin().stop();
      } catch (RuntimeException | LinkageError e) {
        LOG.warn("Plugin {} failed to stop: {}", r.descriptor().id(), e.toString());
      }
      if (r.storage() != null) {
        r.storage().close();
      }
      closeQuietly(r.loader());
    }
  }

  private static PluginDescriptor descriptor(Path jar) throws PluginRefusedException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(PluginDescriptor.PATH);
      if (entry == null) {
        throw new PluginRefusedException("it has no " + PluginDescriptor.PATH);
      }
      Properties p = new Properties();
      try (InputStream in = zip.getInputStream(entry)) {
        p.load(in);
      }
      return PluginDescriptor.parse(p);
    } catch (ZipException e) {
      throw new PluginRefusedException("it is not a readable jar (" + e.getMessage() + ")");
    } catch (IOException | IllegalArgumentException e) {
      throw new PluginRefusedException("its descriptor cannot be read (" + e.getMessage() + ")");
    }
  }

  private static PalermoPlugin instantiate(PluginClassLoader loader, PluginDescriptor d)
      throws ReflectiveOperationException {
    Class<?> type = Class.forName(d.entry(), true, loader);
    if (!PalermoPlugin.class.isAssignableFrom(type)) {
      throw new ClassCastException(d.entry() + " does not implement PalermoPlugin");
    }
    return (PalermoPlugin) type.getConstructor().newInstance();
  }

  private static PluginContext context(Path folder, PluginDescriptor d, WorkspaceViews views,
      StateLookup states, DataSource storage, ClassLoader loader) {
    Optional<WorkspaceViews> granted = d.capabilities().contains(Capability.READ_WORKSPACES)
        ? Optional.of(new OwnActions(views, d.id())) : Optional.empty();
    boolean hasMessages = d.capabilities().contains(Capability.MESSAGES);
    boolean rest = d.capabilities().contains(Capability.REST);
    return new PluginContext() {
      @Override
      public Optional<WorkspaceViews> workspaces() {
        return granted;
      }

      @Override
      public Optional<java.nio.file.Path> operatorFolder() {
        return Optional.of(folder.resolve(d.id())).filter(Files::isDirectory);
      }

      @Override
      public Optional<String> certifiedState(java.security.Principal caller) {
        return rest && caller instanceof Caller c ? states.certifiedState(c.accountId())
            : Optional.empty();
      }

      @Override
      public Optional<String> callerRole(java.security.Principal caller, String workspaceId) {
        // Only the principal the host put on a request: a plugin cannot name another account.
        return rest && caller instanceof Caller c ? views.roleOf(workspaceId, c.getName())
            : Optional.empty();
      }

      @Override
      public Optional<DataSource> storage() {
        return Optional.ofNullable(storage).map(PluginStorage::new);
      }

      @Override
      public Optional<ResourceBundle> messages(Locale locale) {
        return hasMessages ? Optional.of(PluginHost.messages(d, loader, locale))
            : Optional.empty();
      }

      @Override
      public String id() {
        return d.id();
      }

      @Override
      public String version() {
        return d.version();
      }

      @Override
      public Set<Capability> capabilities() {
        return d.capabilities();
      }
    };
  }

  /** The views, with audited actions limited to those naming this plugin. */
  private record OwnActions(WorkspaceViews views, String id) implements WorkspaceViews {
    @Override
    public List<Membership> memberships(String accountId) {
      return views.memberships(accountId);
    }

    @Override
    public Optional<String> roleOf(String workspaceId, String accountId) {
      return views.roleOf(workspaceId, accountId);
    }

    @Override
    public List<Member> members(String workspaceId) {
      return views.members(workspaceId);
    }

    @Override
    public List<Document> documents(String workspaceId) {
      return views.documents(workspaceId);
    }

    @Override
    public Optional<AuditedAction> auditedAction(String workspaceId, long sequence) {
      // Another plugin's actions are that plugin's business.
      return views.auditedAction(workspaceId, sequence).filter(a -> a.plugin().equals(id));
    }
  }

  private static void closeQuietly(PluginClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // the jar stays open until exit
    }
  }
}
