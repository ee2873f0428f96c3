package org.palermo.client.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.Bidi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;

/**
 * The command line in the six languages: chosen by --lang, PALERMO_LANG or the locale; help and
 * errors in it; Arabic lines marked right-to-left with their arguments isolated, which the
 * Unicode bidirectional algorithm (ICU's, with isolates) then lays out without reordering the
 * argument; --json output untouched.
 */
class CommandLineLanguageTest {
  private record Result(int code, String out, String err) {}

  private static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> all = new HashMap<>(env);
    all.put("PALERMO_HOME", System.getProperty("java.io.tmpdir") + "/palermo-lang-test");
    int code = PalermoCli.run(new Terminal(new PrintWriter(out), new PrintWriter(err), all, null),
        args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void help_inEachLanguage() {
    assertTrue(run(Map.of(), "--lang", "fr", "--help").out().contains("Utilisation"),
        run(Map.of(), "--lang", "fr", "--help").out());
    assertTrue(run(Map.of(), "--lang", "ru", "translate", "--help").out()
        .matches("(?s).*\\p{IsCyrillic}{5,}.*"));
    assertTrue(run(Map.of(), "--lang", "zh", "doc", "--help").out()
        .matches("(?s).*\\p{IsHan}{2,}.*"));
    assertTrue(run(Map.of(), "--lang", "es", "--help").out().contains("--lang"));
    assertTrue(run(Map.of(), "--help").out().contains("Usage:"));
    // Every command answers --help, even one with required options.
    Result register = run(Map.of(), "--lang", "fr", "account", "register", "--help");
    assertEquals(0, register.code(), register.toString());
    assertTrue(register.out().contains("--name"), register.out());
  }

  @Test
  void theLanguage_fromTheOptionTheVariableOrTheLocale() {
    String french = run(Map.of(), "--lang", "fr", "frobnicate").err();
    assertEquals(french, run(Map.of("PALERMO_LANG", "fr"), "frobnicate").err());
    assertEquals(french, run(Map.of("LANG", "fr_CA.UTF-8"), "frobnicate").err());
    assertEquals(french, run(Map.of("LC_ALL", "fr_FR.UTF-8", "LANG", "de_DE.UTF-8"),
        "frobnicate").err());
    String english = run(Map.of(), "frobnicate").err();
    assertTrue(english.contains("Unknown option or argument: frobnicate"), english);
    assertEquals(english, run(Map.of("LANG", "C.UTF-8"), "frobnicate").err());
    assertEquals(english, run(Map.of("LANG", "de_DE.UTF-8"), "frobnicate").err());
    Result bad = run(Map.of(), "--lang", "de", "account", "whoami");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("ar, zh, en, fr, ru, es"), bad.err());
  }

  @Test
  void arabic_linesRightToLeft_argumentsKeepTheirOrder() {
    String path = "../notes (v2).md";
    Result r = run(Map.of(), "--lang", "ar", "translate", "words", path, "--in", "en");
    assertEquals(1, r.code(), r.toString());
    String line = r.err().lines().findFirst().orElseThrow();
    assertEquals(BidiLines.RLM, line.charAt(0), line);
    assertTrue(line.contains("\u2068" + path + "\u2069"), line);
    assertTrue(line.matches(".*\\p{IsArabic}{3,}.*"), line);
    // As a terminal that applies the bidirectional algorithm shows it: the path reads as
    // typed, in one piece, with its parentheses unmirrored.
    Bidi bidi = new Bidi(line, Bidi.LEVEL_DEFAULT_LTR);
    assertEquals(Bidi.RTL, bidi.getParaLevel() % 2 == 1 ? Bidi.RTL : Bidi.LTR);
    String visual = bidi.writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
    assertTrue(visual.contains(path), visual);
    // Without the isolates, the same algorithm breaks the path apart: what they are for.
    String bare = line.replace("\u2068", "").replace("\u2069", "");
    String bareVisual = new Bidi(bare, Bidi.LEVEL_DEFAULT_LTR)
        .writeReordered(Bidi.DO_MIRRORING | Bidi.REMOVE_BIDI_CONTROLS);
    assertFalse(bareVisual.contains(path), bareVisual);
  }

  @Test
  void json_isNeverMarked() {
    Result r = run(Map.of(), "--lang", "ar", "--json", "translate", "words", "/nonexistent",
        "--in", "en");
    assertFalse(r.err().contains(String.valueOf(BidiLines.RLM)), r.err());
  }
}
