package org.palermo.server.documents;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoded pages of a workspace's document list, least recently used first out, within a byte
 * budget. Keys carry the workspace's document revision and the reader's first readable epoch,
 * so a change to the list or to what a member may read makes new keys; old pages simply age
 * out. Pages hold only what the list route returns to every member alike (ciphertext, signed
 * manifests), never anything about the reader.
 */
final class ListPageCache {
  /** A page: the workspace, its document revision, the reader's first epoch, the cursor. */
  record Key(String workspaceId, long revision, long firstEpoch, String after, int limit) {}

  private final long budgetBytes;
  private final LinkedHashMap<Key, byte[]> pages = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;

  ListPageCache(long budgetBytes) {
    if (budgetBytes < 0) {
      throw new IllegalArgumentException("budgetBytes must not be negative");
    }
    this.budgetBytes = budgetBytes;
  }

  synchronized byte[] get(Key key) {
    return pages.get(key);
  }

  synchronized void put(Key key, byte[] page) {
    if (page.length > budgetBytes) {
      return;
    }
    byte[] previous = pages.put(key, page);
    bytes += page.length - (previous == null ? 0 : previous.length);
    Iterator<Map.Entry<Key, byte[]>> eldest = pages.entrySet().iterator();
    while (bytes > budgetBytes) {
      bytes -= eldest.next().getValue().length;
      eldest.remove();
    }
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized int size() {
    return pages.size();
  }
}
