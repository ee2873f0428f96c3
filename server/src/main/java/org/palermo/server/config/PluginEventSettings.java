package org.palermo.server.config;

import java.time.Duration;

/**
 * How core events reach plugins.
 *
 * @param handlerTimeout how long one call of a plugin's event handler may take before it counts
 *     as failed
 * @param attempts how many times an event is tried before it becomes a dead letter
 * @param firstPause the pause after the first failure; each further one doubles it
 * @param poll how often a node looks for events to deliver
 */
public record PluginEventSettings(Duration handlerTimeout, int attempts, Duration firstPause,
    Duration poll) {
  /** Ten seconds per call, five tries with pauses of 5 s, 10 s, 20 s and 40 s; a look a second. */
  public static final PluginEventSettings DEFAULTS = new PluginEventSettings(
      Duration.ofSeconds(10), 5, Duration.ofSeconds(5), Duration.ofSeconds(1));

  public PluginEventSettings {
    if (handlerTimeout.isNegative() || handlerTimeout.isZero() || attempts < 1
        || firstPause.isNegative() || poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("positive durations and at least one attempt");
    }
  }

  /** The pause after {@code failures} failed tries (1 or more), an hour at most. */
  public Duration pauseAfter(int failures) {
    Duration pause = firstPause.multipliedBy(1L << Math.min(failures - 1, 20));
    return pause.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : pause;
  }
}
