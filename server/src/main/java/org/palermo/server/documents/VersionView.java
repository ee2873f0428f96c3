package org.palermo.server.documents;

import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;

/** A stored version as the list and versions routes return it. */
public record VersionView(String documentId, long version, long epoch, String manifest,
    String signature, String metadata) {
  static VersionView of(VersionRow v) {
    return new VersionView(Ids.hex(v.documentId()), v.version(), v.epoch(),
        Binary.encode(v.manifest()), Binary.encode(v.signature()),
        v.metadata() == null ? null : Binary.encode(v.metadata()));
  }
}
