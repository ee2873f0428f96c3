package org.palermo.client;

import org.palermo.client.i18n.ClientText;
import org.palermo.security.chain.ChainException;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * Why a command failed, with the exit code the command line ends with: 1 usage, 2 refused by
 * the server, 3 integrity failure (tampering detected), 4 network or server unreachable.
 */
public class ClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final int USAGE = 1;
  public static final int REFUSED = 2;
  public static final int INTEGRITY = 3;
  public static final int UNREACHABLE = 4;

  private final int exitCode;
  /** The HTTP status of a refusal, 0 when none. */
  private final int status;
  private final transient Text text;

  public ClientException(int exitCode, Text text) {
    this(exitCode, text, 0);
  }

  public ClientException(int exitCode, Text text, int status) {
    super(null, null);
    this.exitCode = exitCode;
    this.status = status;
    this.text = text;
  }

  public ClientException(int exitCode, Text text, Throwable cause) {
    super(null, cause);
    this.exitCode = exitCode;
    this.status = 0;
    this.text = text;
  }




  /** The message in English, for tests and stack traces. */
  @Override
  public String getMessage() {
    return ClientText.english(text);
  }

  /** The message in {@code language}. */
  public String message(Language language) {
    return ClientText.render(text, language);
  }

  /** The message before translation. */
  public Text text() {
    return text;
  }

  /** The HTTP status of a server's refusal (409 for a conflict), 0 when there was none. */
  public int status() {
    return status;
  }

  public int exitCode() {
    return exitCode;
  }

  public static ClientException usage(Text text) {
    return new ClientException(USAGE, text);
  }


  public static ClientException refused(Text text) {
    return new ClientException(REFUSED, text);
  }


  /** The server (or something between) changed what it stores or returns: refuse it. */
  public static ClientException integrity(Text text) {
    return new ClientException(INTEGRITY, text);
  }


  /**
   * A signed chain that does not verify: {@code what} and the failure, as "{@code what} does
   * not verify (fork at entry 3: ...)". The failure's own detail comes from the security module
   * and stays in English.
   */
  public static ClientException integrity(Text what, ChainException e) {
    // The message starts "entry N: ", which the sentence already says.
    String detail = e.getMessage().replaceFirst("^entry " + e.sequence() + ": ", "");
    return integrity(Text.of("chain.does-not-verify", what, chainFailureKind(e), e.sequence(), detail));
  }


  /** What failed in a signed chain, as a text ("fork", "rollback"...). */
  public static Text chainFailureKind(ChainException e) {
    if (e instanceof ChainException.Gap) {
      return Text.of("chain.gap");
    } else if (e instanceof ChainException.Fork) {
      return Text.of("chain.fork");
    } else if (e instanceof ChainException.Rollback) {
      return Text.of("chain.rollback");
    } else if (e instanceof ChainException.WrongAuthor) {
      return Text.of("chain.wrong-author");
    } else if (e instanceof ChainException.Rule) {
      return Text.of("chain.rule");
    } else if (e instanceof ChainException.BadSignature) {
      return Text.of("chain.bad-signature");
    }
    return Text.of("chain.failure");
  }

  public static ClientException unreachable(Text text, Throwable cause) {
    return new ClientException(UNREACHABLE, text, cause);
  }

}
