package org.palermo.server.storage;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the server verified last from stored signed entries (a membership log, the State
 * certificate list), kept by key: the stored entries are still read each time (another node may
 * have appended), but verified again only when they differ from those verified last, compared
 * byte for byte, which costs microseconds where verifying costs a signature check per entry.
 *
 * @param <T> what verifying the entries gives
 */
public final class VerifiedCopies<T> {
  private final int capacity;
  private final Map<String, Copy<T>> copies;

  private record Copy<T>(List<byte[]> stored, T verified) {}

  /** Keeps at most {@code capacity} keys, the least recently used going first. */
  public VerifiedCopies(int capacity) {
    this.capacity = capacity;
    this.copies = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Copy<T>> eldest) {
        return size() > VerifiedCopies.this.capacity;
      }
    };
  }

  /** {@code verify(stored)}, or what it gave for exactly these entries before. */
  public T get(String key, List<byte[]> stored, Function<List<byte[]>, T> verify) {
    Copy<T> last;
    synchronized (copies) {
      last = copies.get(key);
    }
    if (last != null && same(last.stored(), stored)) {
      return last.verified();
    }
    T verified = verify.apply(stored);
    synchronized (copies) {
      copies.put(key, new Copy<>(List.copyOf(stored), verified));
    }
    return verified;
  }

  private static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
