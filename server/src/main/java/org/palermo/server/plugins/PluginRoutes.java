package org.palermo.server.plugins;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.palermo.server.sessions.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts the REST resources of started plugins that declared {@code rest} under
 * {@code /api/v1/plugins/{id}/}, behind the core's filters (authentication, rate limits,
 * headers, problem documents). Each route needs a logged-in account.
 */
public final class PluginRoutes {
  /** Where plugins' routes live; the list of plugins itself is {@code api/v1/plugins}. */
  static final String PREFIX = "api/v1/plugins/";
  private static final Logger LOG = LoggerFactory.getLogger(PluginRoutes.class);

  private PluginRoutes() {}

  /** Registers every started plugin's resources, and the filter that asks for a session. */
  public static void register(ResourceConfig rc, PluginHost host) {
    for (PluginHost.Mount mount : host.mounts()) {
      for (Object resource : mount.resources()) {
        Resource model;
        try {
          model = Resource.from(resource.getClass());
        } catch (RuntimeException e) {
          LOG.warn("Plugin {}: {} is not a JAX-RS resource; not mounted", mount.id(),
              resource.getClass().getName());
          continue;
        }
        if (model == null) {
          LOG.warn("Plugin {}: {} has no @Path; not mounted", mount.id(),
              resource.getClass().getName());
          continue;
        }
        rc.registerResources(rebuild(model, PREFIX + mount.id() + "/" + strip(model.getPath()),
            resource));
      }
    }
    rc.register(new SessionRequired());
    rc.register(new PluginProblemMapper());
    rc.register(new InFlight(host.mounts().stream().map(PluginHost.Mount::id).toList()));
  }

  /** Requests one plugin may have in progress at once: a plugin that hangs holds no more. */
  static final int MAX_IN_FLIGHT = 16;

  /**
   * Caps each plugin's requests in progress at {@link #MAX_IN_FLIGHT}, so a plugin whose routes
   * hang holds that many of the server's threads at most; beyond it, 503 with a problem
   * document, on that plugin's routes only.
   */
  @Priority(Priorities.USER + 100)
  static final class InFlight implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String PERMIT = "palermo.plugin.permit";
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    InFlight(List<String> ids) {
      ids.forEach(id -> permits.put(id, new Semaphore(MAX_IN_FLIGHT)));
    }

    @Override
    public void filter(ContainerRequestContext request) {
      // api/v1/plugins/{id}/...: the id segment without any matrix parameters.
      List<PathSegment> segments = request.getUriInfo().getPathSegments();
      if (segments.size() < 4 || !"api".equals(segments.get(0).getPath())
          || !"v1".equals(segments.get(1).getPath())
          || !"plugins".equals(segments.get(2).getPath())) {
        return;
      }
      Semaphore permit = permits.get(segments.get(3).getPath());
      String id = segments.get(3).getPath();
      if (permit == null) {
        return;
      }
      if (!permit.tryAcquire()) {
        throw new PluginBusyException(id, MAX_IN_FLIGHT);
      }
      request.setProperty(PERMIT, permit);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (request.getProperty(PERMIT) instanceof Semaphore permit) {
        request.removeProperty(PERMIT);
        permit.release();
      }
    }
  }

  /** The model under another path, its methods handled by the plugin's own instance. */
  private static Resource rebuild(Resource model, String path, Object instance) {
    Resource.Builder b = Resource.builder(path);
    for (ResourceMethod m : model.getResourceMethods()) {
      b.addMethod(m.getHttpMethod()).consumes(m.getConsumedTypes())
          .produces(m.getProducedTypes())
          .handledBy(instance, m.getInvocable().getHandlingMethod());
    }
    for (Resource child : model.getChildResources()) {
      Resource.Builder c = b.addChildResource(strip(child.getPath()));
      for (ResourceMethod m : child.getResourceMethods()) {
        c.addMethod(m.getHttpMethod()).consumes(m.getConsumedTypes())
            .produces(m.getProducedTypes())
            .handledBy(instance, m.getInvocable().getHandlingMethod());
      }
    }
    return b.build();
  }

  private static String strip(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    return p;
  }

  /** Plugins' routes answer only logged-in accounts; the list of plugins answers anyone. */
  static final class SessionRequired implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      String path = request.getUriInfo().getPath();
      if (path.startsWith(PREFIX) && path.length() > PREFIX.length()) {
        SecurityContext security = request.getSecurityContext();
        Caller.require(security);
      }
    }
  }
}
