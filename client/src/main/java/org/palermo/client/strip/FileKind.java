package org.palermo.client.strip;

/**
 * The file formats that {@link MetadataStripper} recognises by their content.
 *
 * <p>{@link #OTHER} covers everything else; such files are passed through unchanged.
 */
public enum FileKind {
  JPEG("image/jpeg"),
  PNG("image/png"),
  TIFF("image/tiff"),
  WEBP("image/webp"),
  PDF("application/pdf"),
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation"),
  OTHER("application/octet-stream");

  private final String mediaType;

  FileKind(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The IANA media type of this kind; {@code application/octet-stream} for {@link #OTHER}. */
  public String mediaType() {
    return mediaType;
  }
}
