package org.palermo.server.plugins;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
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
