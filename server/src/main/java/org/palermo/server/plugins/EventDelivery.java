package org.palermo.server.plugins;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.palermo.plugin.api.CoreEvent;
import org.palermo.plugin.api.PalermoPlugin;
import org.palermo.server.config.PluginEventSettings;
import org.palermo.server.events.EventDao;
import org.palermo.server.events.EventRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's core events to the plugins with {@code events}: each plugin has a
 * thread that looks for due workspaces and a thread that runs its handler, so a plugin that
 * throws or hangs delays only itself. Within a workspace a plugin gets the events in order; the
 * database records how far it got, so after a crash (even between a commit and its delivery)
 * delivery resumes where it stood: at least once. A node takes a workspace's delivery for a
 * plugin by a lease in the database, so several nodes never deliver the same run twice at once.
 */
final class EventDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
  private static final int WORKSPACES_PER_ROUND = 50;
  private static final int EVENTS_PER_LEASE = 20;
  private static final int MAX_REASON = 300;

  /** A started plugin that receives events. */
  record Subscriber(String id, PalermoPlugin plugin, ClassLoader loader) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final PluginEventSettings settings;
  private final byte[] holder = new byte[16];
  private final List<Worker> workers = new ArrayList<>();

  EventDelivery(Jdbi jdbi, Clock clock, PluginEventSettings settings,
      List<Subscriber> subscribers) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.settings = settings;
    new SecureRandom().nextBytes(holder);
    for (Subscriber s : subscribers) {
      // From the first start on: a plugin enabled later does not get the history before it.
      jdbi.useExtension(EventDao.class, dao -> dao.subscribe(s.id(), dao.last()));
      workers.add(new Worker(s));
    }
  }

  /** Starts each plugin's delivery thread. */
  void start() {
    for (Worker w : workers) {
      w.loop.scheduleWithFixedDelay(w::round, 0, settings.poll().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** The latest dead letters of a plugin, and how many it has. */
  record DeadLetters(long count, List<EventDao.DeadLetter> recent) {}

  DeadLetters deadLetters(String pluginId) {
    return jdbi.withExtension(EventDao.class, dao -> new DeadLetters(
        dao.deadLetterCount(pluginId), dao.deadLetters(pluginId, 5)));
  }

  @Override
  public void close() {
    for (Worker w : workers) {
      w.loop.shutdownNow();
      w.handler.shutdownNow();
    }
  }

  /**
   * How long a node holds a workspace's delivery without renewing it: it renews it every third
   * of that while a handler runs, so a node that died frees it this long after, whatever the
   * handler's time limit.
   */
  private static final Duration LEASE = Duration.ofSeconds(15);

  /** One plugin's delivery. */
  private final class Worker {
    private final Subscriber subscriber;
    private final ScheduledExecutorService loop;
    private ExecutorService handler;

    Worker(Subscriber subscriber) {
      this.subscriber = subscriber;
      this.loop = Executors.newSingleThreadScheduledExecutor(
          daemon("plugin-" + subscriber.id() + "-events"));
      this.handler = newHandler();
    }

    private ExecutorService newHandler() {
      return Executors.newSingleThreadExecutor(daemon("plugin-" + subscriber.id() + "-handler"));
    }

    private java.util.concurrent.ThreadFactory daemon(String name) {
      return r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(subscriber.loader());
        return t;
      };
    }

    /** Delivers what is due in up to {@link #WORKSPACES_PER_ROUND} workspaces. */
    void round() {
      try {
        String id = subscriber.id();
        long from = jdbi.withExtension(EventDao.class, dao -> dao.subscribedFrom(id));
        List<byte[]> due = jdbi.withExtension(EventDao.class,
            dao -> dao.due(id, from, clock.instant(), WORKSPACES_PER_ROUND));
        for (byte[] workspace : due) {
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
          deliver(workspace, from);
        }
      } catch (RuntimeException e) {
        // The database may be away for a moment: the next round tries again.
        LOG.warn("Plugin {}: event delivery round failed: {}", subscriber.id(),
            e.getClass().getSimpleName());
      }
    }

    private void deliver(byte[] workspace, long from) {
      String id = subscriber.id();
      EventDao dao = jdbi.onDemand(EventDao.class);
      dao.ensureCursor(id, workspace, from);
      if (!takeLease(dao, workspace)) {
        return; // another node delivers this workspace now
      }
      try {
        long delivered = dao.delivered(id, workspace).orElse(from);
        int failures = dao.failures(id, workspace);
        for (EventRow row : dao.after(workspace, delivered, EVENTS_PER_LEASE)) {
          if (!takeLease(dao, workspace)) {
            return;
          }
          String failure = call(event(row), () -> takeLease(dao, workspace));
          if (failure == null) {
            dao.advance(id, workspace, holder, row.sequence());
            failures = 0;
            continue;
          }
          failures++;
          if (failures >= settings.attempts()) {
            LOG.warn("Plugin {}: event {} ({}) failed {} times and is kept as a dead letter: {}",
                id, row.sequence(), row.kind(), failures, failure);
            int tries = failures;
            jdbi.useTransaction(h -> {
              EventDao tx = h.attach(EventDao.class);
              tx.deadLetter(id, row.sequence(), tries, failure, LocalDateTime.ofInstant(
                  clock.instant().truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC));
              tx.advance(id, workspace, holder, row.sequence());
            });
            failures = 0;
            continue;
          }
          LOG.info("Plugin {}: event {} failed (try {} of {}), next try in {} s: {}", id,
              row.sequence(), failures, settings.attempts(),
              settings.pauseAfter(failures).toSeconds(), failure);
          dao.failed(id, workspace, holder, failures,
              clock.instant().plus(settings.pauseAfter(failures)));
          return;
        }
      } finally {
        dao.release(id, workspace, holder);
      }
    }

    private boolean takeLease(EventDao dao, byte[] workspace) {
      Instant now = clock.instant();
      return dao.lease(subscriber.id(), workspace, holder, now, now.plus(LEASE)) == 1;
    }

    /**
     * Runs the handler with the time limit, renewing the lease while it runs; null when it
     * returned, else why it failed.
     */
    private String call(CoreEvent event, java.util.function.BooleanSupplier renewLease) {
      Future<?> running = handler.submit(() -> {
        subscriber.plugin().onEvent(event);
        return null;
      });
      long deadline = System.nanoTime() + settings.handlerTimeout().toNanos();
      long slice = LEASE.dividedBy(3).toNanos();
      try {
        while (true) {
          long left = deadline - System.nanoTime();
          try {
            running.get(Math.max(0, Math.min(left, slice)), TimeUnit.NANOSECONDS);
            return null;
          } catch (TimeoutException e) {
            if (deadline - System.nanoTime() > 0 && renewLease.getAsBoolean()) {
              continue;
            }
            running.cancel(true);
            // Its thread may never come back: later calls get a fresh one.
            handler.shutdownNow();
            handler = newHandler();
            return "the handler did not return within " + settings.handlerTimeout().toMillis()
                + " ms";
          }
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return reason(cause.getClass().getName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.cancel(true);
        return "the server is stopping";
      }
    }
  }

  private static String reason(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ");
    return clean.length() <= MAX_REASON ? clean : clean.substring(0, MAX_REASON - 1) + "…";
  }

  private static CoreEvent event(EventRow row) {
    HexFormat hex = HexFormat.of();
    return new CoreEvent(row.sequence(), CoreEvent.Kind.valueOf(row.kind()),
        hex.formatHex(row.workspaceId()),
        row.documentId() == null ? null : hex.formatHex(row.documentId()), row.version(),
        row.accountId() == null ? null : hex.formatHex(row.accountId()), row.level(),
        row.occurredAt().toInstant(ZoneOffset.UTC));
  }
}
