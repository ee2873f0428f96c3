package org.palermo.server.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ListPageCacheTest {
  private static ListPageCache.Key key(long revision) {
    return new ListPageCache.Key("ws", revision, 1, "00", 200);
  }

  @Test
  void keepsPagesWithinItsBudget_leastRecentlyUsedOutFirst() {
    ListPageCache cache = new ListPageCache(300);
    cache.put(key(1), new byte[100]);
    cache.put(key(2), new byte[100]);
    cache.put(key(3), new byte[100]);
    cache.get(key(1));
    cache.put(key(4), new byte[100]);
    assertNull(cache.get(key(2)), "the least recently used page goes first");
    assertEquals(100, cache.get(key(1)).length);
    assertEquals(300, cache.bytes());
    assertEquals(3, cache.size());
  }

  @Test
  void replacingAPage_countsOnlyTheNewBytes() {
    ListPageCache cache = new ListPageCache(300);
    cache.put(key(1), new byte[200]);
    cache.put(key(1), new byte[50]);
    assertEquals(50, cache.bytes());
    assertArrayEquals(new byte[50], cache.get(key(1)));
  }

  @Test
  void aPageOverTheBudget_isNotKept_andABudgetOfZeroKeepsNothing() {
    ListPageCache cache = new ListPageCache(100);
    cache.put(key(1), new byte[101]);
    assertNull(cache.get(key(1)));
    ListPageCache none = new ListPageCache(0);
    none.put(key(1), new byte[1]);
    assertNull(none.get(key(1)));
    assertEquals(0, none.bytes());
  }

  @Test
  void keysDifferByRevisionEpochCursorAndSize() {
    ListPageCache cache = new ListPageCache(1000);
    cache.put(new ListPageCache.Key("ws", 1, 1, "00", 200), new byte[] {1});
    assertNull(cache.get(new ListPageCache.Key("ws", 2, 1, "00", 200)));
    assertNull(cache.get(new ListPageCache.Key("ws", 1, 2, "00", 200)));
    assertNull(cache.get(new ListPageCache.Key("ws", 1, 1, "01", 200)));
    assertNull(cache.get(new ListPageCache.Key("ws", 1, 1, "00", 199)));
    assertNull(cache.get(new ListPageCache.Key("wt", 1, 1, "00", 200)));
  }
}
