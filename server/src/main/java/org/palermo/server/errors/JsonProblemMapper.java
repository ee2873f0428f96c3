package org.palermo.server.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.palermo.text.Text;

/**
 * A body that is not strict JSON for its route: malformed, an unknown or duplicate field, a
 * wrong type. The answer names the field; it never echoes the value sent.
 */
public final class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
  private static final Pattern DUPLICATE =
      Pattern.compile("Duplicate (?:field|Object property) [\"']([^\"']{1,200})[\"']");

  @Override
  public Response toResponse(JsonProcessingException exception) {
    if (exception instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException) {
      // Not the client's JSON: a type the server cannot read or write (an answer it cannot
      // serialize, too). A server error, logged with its id like any other.
      return new UnexpectedExceptionMapper().toResponse(exception);
    }
    return ProblemException.findIn(exception).map(ProblemException::toResponse)
        .orElseGet(() -> ProblemResponses.of(problemFor(exception)));
  }

  static Problem problemFor(JsonProcessingException exception) {
    String message = String.valueOf(exception.getOriginalMessage());
    Matcher duplicate = DUPLICATE.matcher(message);
    if (duplicate.find()) {
      String field = duplicate.group(1);
      return Problem.of(ProblemType.INVALID_JSON,
          Text.of("errors.json-duplicate-field", field)).withField(field);
    }
    if (exception instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return Problem.of(ProblemType.INVALID_JSON,
          Text.of("errors.json-unknown-field", field)).withField(field);
    }
    if (exception instanceof InvalidFormatException
        || exception instanceof MismatchedInputException) {
      String field = path((JsonMappingException) exception);
      if (!field.isEmpty()) {
        return Problem.of(ProblemType.INVALID_JSON,
            Text.of("errors.json-wrong-type", field)).withField(field);
      }
      return Problem.of(ProblemType.INVALID_JSON,
          Text.of("errors.json-not-object"));
    }
    return Problem.of(ProblemType.INVALID_JSON,
        Text.of("errors.json-malformed", line(exception)));
  }

  private static String path(JsonMappingException exception) {
    return exception.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static int line(JsonProcessingException exception) {
    return exception.getLocation() == null ? 0 : exception.getLocation().getLineNr();
  }
}
