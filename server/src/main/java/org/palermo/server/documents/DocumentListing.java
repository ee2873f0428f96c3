package org.palermo.server.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.List;
import org.palermo.server.http.Ids;
import org.palermo.server.json.StrictObjectMapper;
import org.palermo.server.sessions.Caller;

/**
 * The pages of a workspace's document list, encoded as JSON once per list revision and reader's
 * first epoch, then served from memory: every member of a coalition lists the same workspace,
 * and a page is the same ciphertext for each of them. A request still checks membership and
 * reads the revision (one statement); a changed list makes a new revision, so no reader gets a
 * page older than the revision it read.
 */
public final class DocumentListing {
  /** Memory for cached pages: a 10,000-document workspace is about 9 MiB of pages of 200. */
  public static final long CACHE_BYTES = 32L * 1024 * 1024;

  /** A page of documents; {@code next} is the {@code after} of the next page, if any. */
  public record DocumentList(List<VersionView> documents, String next) {}

  private final DocumentService documents;
  private final ListPageCache cache;

  public DocumentListing(DocumentService documents, long cacheBytes) {
    this.documents = documents;
    this.cache = new ListPageCache(cacheBytes);
  }

  /** The page after {@code after} (an id; all zero for the first), as JSON. */
  public byte[] page(Caller caller, byte[] workspaceId, byte[] after, int limit) {
    ListState state = documents.listState(caller, workspaceId);
    ListPageCache.Key key = new ListPageCache.Key(Ids.hex(workspaceId), state.revision(),
        state.firstEpoch(), Ids.hex(after), limit);
    byte[] page = cache.get(key);
    if (page == null) {
      page = encode(documents.page(workspaceId, state.firstEpoch(), after, limit), limit);
      cache.put(key, page);
    }
    return page;
  }

  private static byte[] encode(List<VersionRow> rows, int limit) {
    String next = rows.size() == limit ? Ids.hex(rows.get(rows.size() - 1).documentId()) : null;
    try {
      return StrictObjectMapper.shared().writeValueAsBytes(
          new DocumentList(rows.stream().map(VersionView::of).toList(), next));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
