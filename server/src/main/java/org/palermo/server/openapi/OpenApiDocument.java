package org.palermo.server.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The API description shipped in the api-spec artifact, read once at start. */
public final class OpenApiDocument {
  /** Where api-spec keeps the document on the class path. */
  public static final String RESOURCE = "org/palermo/api/openapi.yaml";

  private final byte[] bytes;
  private final String etag;

  private OpenApiDocument(byte[] bytes) {
    this.bytes = bytes;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      this.etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static OpenApiDocument load() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new OpenApiDocument(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Writes the document without copying it: it is served on every request for it. */
  public void writeTo(java.io.OutputStream out) throws IOException {
    out.write(bytes);
  }

  public String etag() {
    return etag;
  }
}
