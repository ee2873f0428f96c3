package org.palermo.server.i18n;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.palermo.server.errors.Problem;
import org.palermo.text.Language;

/**
 * Puts every problem answer in the language the request's {@code Accept-Language} asks for,
 * among the six UN languages (English otherwise), and says which with {@code Content-Language}.
 */
public final class LanguageFilter implements ContainerResponseFilter {
  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getEntity() instanceof Problem problem) {
      Language language = Language.negotiate(request.getAcceptableLanguages());
      response.setEntity(problem.in(language), response.getEntityAnnotations(),
          response.getMediaType());
      response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, language.tag());
      response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
  }
}
