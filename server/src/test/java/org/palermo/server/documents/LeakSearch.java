package org.palermo.server.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Looks for secrets in bytes, in every form a careless server might keep them: UTF-8 (as
 * given and upper-cased), UTF-16 (both byte orders), lower- and upper-case hex of their UTF-8
 * bytes, and standard and URL-safe Base64 of their UTF-8 bytes at each of the three alignments
 * a surrounding encoding can give them (only the characters that depend on the secret alone).
 * One pass over each haystack finds every form of every secret.
 */
final class LeakSearch {
  /** One form of one secret. */
  record Needle(String secret, String form, byte[] bytes) {}

  private static final int KEY = 8;
  private static final int BLOOM_BITS = 22;

  private final List<Needle> needles;
  private final Map<Long, List<Needle>> byPrefix = new HashMap<>();
  private final long[] bloom = new long[(1 << BLOOM_BITS) / 64];

  LeakSearch(Collection<String> secrets) {
    List<Needle> all = new ArrayList<>();
    for (String secret : secrets) {
      all.addAll(forms(secret));
    }
    this.needles = List.copyOf(all);
    for (Needle n : needles) {
      if (n.bytes().length < KEY) {
        throw new IllegalArgumentException("a form of " + n.secret() + " is shorter than " + KEY
            + " bytes: " + n.form());
      }
      long key = prefix(n.bytes(), 0);
      byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
      int bit = bloomBit(key);
      bloom[bit >>> 6] |= 1L << bit;
    }
  }

  List<Needle> needles() {
    return needles;
  }

  /** Every form of {@code secret} this search looks for, labelled. */
  static List<Needle> forms(String secret) {
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> forms = new LinkedHashMap<>();
    forms.put("UTF-8", utf8);
    forms.put("UTF-8 upper case",
        secret.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    forms.put("UTF-16LE", secret.getBytes(StandardCharsets.UTF_16LE));
    forms.put("UTF-16BE", secret.getBytes(StandardCharsets.UTF_16BE));
    forms.put("hex", ascii(HexFormat.of().formatHex(utf8)));
    forms.put("HEX", ascii(HexFormat.of().withUpperCase().formatHex(utf8)));
    for (int shift = 0; shift < 3; shift++) {
      forms.put("base64+" + shift, ascii(stableBase64(Base64.getEncoder(), utf8, shift)));
      forms.put("base64url+" + shift, ascii(stableBase64(Base64.getUrlEncoder(), utf8, shift)));
    }
    List<Needle> out = new ArrayList<>();
    forms.forEach((form, bytes) -> out.add(new Needle(secret, form, bytes)));
    return out;
  }

  /**
   * The Base64 characters of {@code bytes} preceded by {@code shift} other bytes that depend
   * on {@code bytes} alone: the group holding the preceding bytes and the last partial group
   * (which depends on what follows) are cut off.
   */
  static String stableBase64(Base64.Encoder encoder, byte[] bytes, int shift) {
    byte[] shifted = new byte[shift + bytes.length];
    System.arraycopy(bytes, 0, shifted, shift, bytes.length);
    String encoded = encoder.withoutPadding().encodeToString(shifted);
    int fullGroups = shifted.length / 3;
    int start = shift == 0 ? 0 : 4;
    return encoded.substring(start, fullGroups * 4);
  }

  /** Where each form of each secret occurs in {@code haystack}, as readable lines. */
  List<String> findIn(String where, byte[] haystack) {
    List<String> hits = new ArrayList<>();
    long window = 0;
    for (int i = 0; i < haystack.length; i++) {
      window = (window << 8) | (haystack[i] & 0xff);
      if (i < KEY - 1) {
        continue;
      }
      int bit = bloomBit(window);
      if ((bloom[bit >>> 6] & (1L << bit)) == 0) {
        continue;
      }
      List<Needle> candidates = byPrefix.get(window);
      if (candidates == null) {
        continue;
      }
      int start = i - (KEY - 1);
      for (Needle n : candidates) {
        byte[] b = n.bytes();
        if (start + b.length <= haystack.length
            && Arrays.equals(haystack, start, start + b.length, b, 0, b.length)) {
          hits.add(where + " @" + start + ": " + n.form() + " of " + n.secret());
        }
      }
    }
    return hits;
  }

  List<String> findIn(String where, String haystack) {
    return findIn(where, haystack.getBytes(StandardCharsets.UTF_8));
  }

  /** Searches every regular file under {@code root}, except under folders {@code skip} names. */
  List<String> findUnder(Path root, Predicate<Path> skip) {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).filter(p -> !skip.test(p)).toList()) {
        hits.addAll(findIn(root.relativize(file).toString(), Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hits;
  }

  /** How many regular files and bytes {@link #findUnder} reads (to report what was covered). */
  static long[] census(Path root, Predicate<Path> skip) {
    try (Stream<Path> files = Files.walk(root)) {
      long count = 0;
      long bytes = 0;
      for (Path file : files.filter(Files::isRegularFile).filter(p -> !skip.test(p)).toList()) {
        count++;
        bytes += Files.size(file);
      }
      return new long[] {count, bytes};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long prefix(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < KEY; i++) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  private static int bloomBit(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - BLOOM_BITS));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
