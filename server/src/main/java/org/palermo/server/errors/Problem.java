package org.palermo.server.errors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.palermo.server.i18n.ServerText;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * An RFC 9457 problem details body. {@code detail} is written for a person and says what to do;
 * it never holds a stack trace, an exception class or anything the client did not send. Title
 * and detail are in English until {@link #in} puts them in the caller's language.
 *
 * @param field the request field at fault, when there is one
 * @param errorId for a 500, the id under which the server logged the cause
 * @param kind the problem kind, whose title is translated
 * @param detailText the detail before translation; null when the detail is fixed (a plugin's)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type, String title, int status, String detail, String field, String errorId,
    @JsonIgnore ProblemType kind, @JsonIgnore Text detailText) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(ProblemType type, Text detail) {
    return new Problem(type.uri(), ServerText.english(type.title()), type.status(),
        ServerText.english(detail), null, null, type, detail);
  }

  /** A problem whose detail is already written (in the caller's language, by a plugin). */
  public static Problem ofWritten(ProblemType type, String detail) {
    return new Problem(type.uri(), ServerText.english(type.title()), type.status(), detail,
        null, null, type, null);
  }

  public Problem withField(String name) {
    return new Problem(type, title, status, detail, name, errorId, kind, detailText);
  }

  public Problem withErrorId(String id) {
    return new Problem(type, title, status, detail, field, id, kind, detailText);
  }

  /** The same problem with its title and detail in {@code language}. */
  public Problem in(Language language) {
    String translatedTitle = kind == null ? title : ServerText.render(kind.title(), language);
    String translatedDetail =
        detailText == null ? detail : ServerText.render(detailText, language);
    return new Problem(type, translatedTitle, status, translatedDetail, field, errorId, kind,
        detailText);
  }
}
