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

  /**
   * This description with plugins' own paths added under their mounts
   * ({@code /api/v1/plugins/{id}} + each path of a plugin's fragment); unchanged when no plugin
   * brought any.
   */
  public OpenApiDocument withPluginPaths(java.util.Map<String, java.util.Map<String, Object>>
      pathsByPlugin) {
    if (pathsByPlugin.isEmpty()) {
      return this;
    }
    org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(
        new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()));
    java.util.Map<String, Object> document = yaml.load(new String(bytes,
        java.nio.charset.StandardCharsets.UTF_8));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> paths = (java.util.Map<String, Object>) document.get("paths");
    pathsByPlugin.forEach((id, plugin) -> plugin.forEach((path, item) ->
        paths.put("/api/v1/plugins/" + id + path, item)));
    org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
    options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
    options.setWidth(100);
    return new OpenApiDocument(new org.yaml.snakeyaml.Yaml(options).dump(document)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
