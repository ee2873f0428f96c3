package org.palermo.client.translation.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.palermo.client.ClientException;
import org.palermo.text.Language;
import org.palermo.text.Text;

/**
 * Apertium, run as a local program ({@code apertium}, Debian packages {@code apertium-eng-spa}
 * and {@code apertium-fr-es}): offline, the plaintext never leaves the machine. Pairs: English
 * to and from Spanish, French to and from Spanish.
 */
public final class ApertiumEngine implements TranslationEngine {
  /** The Apertium mode of each pair this engine knows. */
  private static final Map<String, String> MODES = Map.of("en-es", "eng-spa", "es-en", "spa-eng",
      "fr-es", "fr-es", "es-fr", "es-fr");
  private static final long TIMEOUT_SECONDS = 300;

  private final String program;

  /** Apertium as found on the PATH. */
  public ApertiumEngine() {
    this("apertium");
  }

  /** Apertium at {@code program}. */
  public ApertiumEngine(String program) {
    this.program = program;
  }

  @Override
  public String name() {
    return "apertium";
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public boolean translates(Language from, Language to) {
    return MODES.containsKey(from.tag() + "-" + to.tag());
  }

  /** The pairs, as "en-es" tags. */
  public static List<String> pairs() {
    return MODES.keySet().stream().sorted().toList();
  }

  @Override
  public String translate(String text, Language from, Language to) {
    String mode = MODES.get(from.tag() + "-" + to.tag());
    if (mode == null) {
      throw ClientException.usage(Text.of("translation.apertium-no-pair", from.tag(), to.tag(),
          String.join(", ", pairs())));
    }
    Process process;
    try {
      // -u: no marks on unknown words; the text goes through stdin and back, never a file.
      process = new ProcessBuilder(program, "-u", mode).redirectErrorStream(false).start();
    } catch (IOException e) {
      throw ClientException.usage(Text.of("translation.apertium-missing", program));
    }
    try {
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(
          process.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(
          process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(text.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw ClientException.usage(Text.of("translation.apertium-timeout", TIMEOUT_SECONDS));
      }
      String errors = new String(err.join(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw ClientException.usage(Text.of("translation.apertium-failed", mode,
            errors.lines().findFirst().orElse(String.valueOf(process.exitValue()))));
      }
      return new String(out.join(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      process.destroyForcibly();
      throw ClientException.usage(Text.of("translation.apertium-failed", mode,
          String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw ClientException.usage(Text.of("translation.interrupted"));
    }
  }

  /** Whether {@code apertium} is installed with the mode for the pair. */
  public boolean installed(Language from, Language to) {
    String mode = MODES.get(from.tag() + "-" + to.tag());
    if (mode == null) {
      return false;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return Files.exists(Path.of("/usr/share/apertium/modes", mode + ".mode"));
      }
    }
    return false;
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
