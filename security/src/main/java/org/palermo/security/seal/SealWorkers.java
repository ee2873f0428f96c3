package org.palermo.security.seal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The threads that seal and open chunks in parallel: one per core, at most four, daemons. */
final class SealWorkers {
    private SealWorkers() {
    }

    /** How many workers a whole-message seal or open uses on this machine. */
    static int count() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** A fixed pool of {@code workers} daemon threads, for the duration of one call. */
    static ExecutorService pool(int workers) {
        return Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "palermo-seal-worker");
            t.setDaemon(true);
            return t;
        });
    }
}
