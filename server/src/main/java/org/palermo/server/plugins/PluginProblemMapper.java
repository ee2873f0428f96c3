package org.palermo.server.plugins;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.palermo.plugin.api.PluginProblem;
import org.palermo.server.errors.Problem;
import org.palermo.server.errors.ProblemResponses;
import org.palermo.server.errors.ProblemType;

/** A plugin's {@link PluginProblem} as a problem document with the plugin's detail. */
final class PluginProblemMapper implements ExceptionMapper<PluginProblem> {
  private static final int MAX_DETAIL = 500;

  @Override
  public Response toResponse(PluginProblem problem) {
    String detail = String.valueOf(problem.getMessage()).replaceAll("\\p{Cntrl}", " ");
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 1) + "…";
    }
    return ProblemResponses.of(Problem.ofWritten(ProblemType.forStatus(problem.status()), detail));
  }
}
