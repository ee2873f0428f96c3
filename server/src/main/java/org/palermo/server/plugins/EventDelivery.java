package org.palermo.server.plugins;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
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
 * thread that looks for due workspaces and one thread that runs its handler, so a plugin that
 * throws or hangs delays only itself. Within a workspace a plugin gets the events in order; the
 * database records how far it got, so after a crash (even between a commit and its delivery)
 * delivery resumes where it stood: at least once. A node takes a workspace's delivery for a
 * plugin by a lease in the database, timed by the database's clock, so several nodes never
 * deliver the same run at once.
 */
final class EventDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
  private static final int WORKSPACES_PER_ROUND = 50;
  private static final int EVENTS_PER_LEASE = 20;
  private static final int MAX_REASON = 300;
  /**
   * How long a node holds a workspace's delivery without renewing it: it renews it every third
   * of that while a handler runs, so a node that died frees it this long after, whatever the
   * handler's time limit.
   */
  private static final Duration LEASE = Duration.ofSeconds(15);

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

  /** Stops looking for events and waits a little for handlers that are running. */
  @Override
  public void close() {
    for (Worker w : workers) {
      w.loop.shutdownNow();
      w.handler.shutdownNow();
    }
    for (Worker w : workers) {
      try {
        w.loop.awaitTermination(5, TimeUnit.SECONDS);
        w.handler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** What came of one call of a handler. */
  private record Outcome(boolean delivered, String failure) {
    static final Outcome DELIVERED = new Outcome(true, null);
    /** Neither delivered nor failed: the lease was lost or the server is stopping. */
    static final Outcome ABANDONED = new Outcome(false, null);

    static Outcome failed(String reason) {
      return new Outcome(false, reason);
    }
  }

  /** One plugin's delivery. */
  private final class Worker {
    private final Subscriber subscriber;
    private final ScheduledExecutorService loop;
    /** One thread for the handler, never replaced: a hung call holds it, and only it. */
    private final ExecutorService handler;
    /** The thread running a handler call now, if any. */
    private final AtomicReference<Thread> busy = new AtomicReference<>();

    Worker(Subscriber subscriber) {
      this.subscriber = subscriber;
      this.loop = Executors.newSingleThreadScheduledExecutor(
          daemon("plugin-" + subscriber.id() + "-events"));
      this.handler = Executors.newSingleThreadExecutor(
          daemon("plugin-" + subscriber.id() + "-handler"));
    }

    private ThreadFactory daemon(String name) {
      return r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(subscriber.loader());
        return t;
      };
    }

    /** Delivers what is due in up to {@link #WORKSPACES_PER_ROUND} workspaces. */
    void round() {
      String id = subscriber.id();
      List<byte[]> due;
      long from;
      try {
        from = jdbi.withExtension(EventDao.class, dao -> dao.subscribedFrom(id));
        due = jdbi.withExtension(EventDao.class,
            dao -> dao.due(id, from, WORKSPACES_PER_ROUND));
      } catch (RuntimeException e) {
        // The database may be away for a moment: the next round tries again.
        LOG.debug("Plugin {}: no event delivery this round: {}", id,
            e.getClass().getSimpleName());
        return;
      }
      for (byte[] workspace : due) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        try {
          deliver(workspace, from);
        } catch (Throwable e) {
          // Never let one workspace end the loop: a scheduled task that throws runs no more.
          LOG.warn("Plugin {}: event delivery failed this round: {}", id,
              e.getClass().getSimpleName());
        }
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
        List<EventRow> rows = dao.after(workspace, delivered, EVENTS_PER_LEASE);
        if (rows.isEmpty()) {
          dao.skipToHead(id, workspace, holder); // older than the retention: gone
          return;
        }
        for (EventRow row : rows) {
          if (!takeLease(dao, workspace)) {
            return;
          }
          Outcome outcome = known(row)
              ? call(event(row), () -> takeLease(dao, workspace))
              : Outcome.DELIVERED; // a kind from a newer node: not for this plugin API
          if (outcome == Outcome.ABANDONED) {
            return;
          }
          if (outcome.delivered()) {
            if (dao.advance(id, workspace, holder, row.sequence()) != 1) {
              return;
            }
            failures = 0;
            continue;
          }
          failures++;
          if (failures >= settings.attempts()) {
            LOG.warn("Plugin {}: event {} ({}) failed {} times and is kept as a dead letter: {}",
                id, row.sequence(), row.kind(), failures, outcome.failure());
            if (!deadLetter(row, workspace, failures, outcome.failure())) {
              return;
            }
            failures = 0;
            continue;
          }
          Duration pause = settings.pauseAfter(failures);
          LOG.info("Plugin {}: event {} failed (try {} of {}), next try in {} ms: {}", id,
              row.sequence(), failures, settings.attempts(), pause.toMillis(),
              outcome.failure());
          dao.failed(id, workspace, holder, failures, pause.toMillis());
          return;
        }
      } finally {
        dao.release(id, workspace, holder);
      }
    }

    /** Keeps the event as a dead letter and moves on, if this node still holds the workspace. */
    private boolean deadLetter(EventRow row, byte[] workspace, int failures, String reason) {
      String id = subscriber.id();
      return jdbi.inTransaction(h -> {
        EventDao tx = h.attach(EventDao.class);
        if (tx.advance(id, workspace, holder, row.sequence()) != 1) {
          return false;
        }
        tx.deadLetter(id, row.sequence(), failures, reason, LocalDateTime.ofInstant(
            clock.instant().truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC));
        return true;
      });
    }

    private boolean takeLease(EventDao dao, byte[] workspace) {
      return dao.lease(subscriber.id(), workspace, holder, LEASE.toMillis()) == 1;
    }

    /**
     * Runs the handler with the time limit, renewing the lease while it runs. A call that
     * timed out keeps the handler's thread: until it returns, later calls fail at once rather
     * than pile up threads, and no two calls of a plugin ever run together.
     */
    private Outcome call(CoreEvent event, BooleanSupplier renewLease) {
      Thread stuck = busy.get();
      if (stuck != null) {
        return Outcome.failed("its handler has not returned from an earlier call yet");
      }
      Future<?> running;
      try {
        running = handler.submit(() -> {
          busy.set(Thread.currentThread());
          try {
            subscriber.plugin().onEvent(event);
          } finally {
            busy.set(null);
          }
          return null;
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        return Outcome.ABANDONED; // the server is stopping
      }
      long deadline = System.nanoTime() + settings.handlerTimeout().toNanos();
      long slice = LEASE.dividedBy(3).toNanos();
      try {
        while (true) {
          long left = deadline - System.nanoTime();
          try {
            running.get(Math.max(0, Math.min(left, slice)), TimeUnit.NANOSECONDS);
            return Outcome.DELIVERED;
          } catch (TimeoutException e) {
            if (deadline - System.nanoTime() > 0) {
              if (renewLease.getAsBoolean()) {
                continue;
              }
              running.cancel(true);
              return Outcome.ABANDONED;
            }
            running.cancel(true);
            return Outcome.failed("the handler did not return within "
                + settings.handlerTimeout().toMillis() + " ms");
          }
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return Outcome.failed(reason(cause.getClass().getName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.cancel(true);
        return Outcome.ABANDONED;
      }
    }
  }

  private static String reason(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ");
    if (clean.length() <= MAX_REASON) {
      return clean;
    }
    int end = MAX_REASON - 1;
    if (Character.isHighSurrogate(clean.charAt(end - 1))) {
      end--;
    }
    return clean.substring(0, end) + "…";
  }

  private static boolean known(EventRow row) {
    for (CoreEvent.Kind k : CoreEvent.Kind.values()) {
      if (k.name().equals(row.kind())) {
        return true;
      }
    }
    LOG.warn("Event {} has a kind this server does not know ({}); skipped", row.sequence(),
        row.kind());
    return false;
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
