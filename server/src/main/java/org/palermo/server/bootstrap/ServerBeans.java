package org.palermo.server.bootstrap;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Hands the objects the composition root built (configuration, database, clock, registries) to
 * CDI as singletons, so resources receive them through their constructors.
 */
final class ServerBeans implements Extension {
  private final List<Object> singletons;

  ServerBeans(List<Object> singletons) {
    this.singletons = List.copyOf(singletons);
  }

  void register(@Observes AfterBeanDiscovery discovery) {
    for (Object singleton : singletons) {
      discovery.addBean()
          .beanClass(singleton.getClass())
          .types(Object.class, singleton.getClass())
          .scope(Singleton.class)
          .createWith(context -> singleton);
    }
  }
}
