package org.palermo.client.submission;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A submission's Markdown as a PDF, made on this machine: CommonMark to HTML (raw HTML in the
 * text escaped, link targets sanitised), then HTML to PDF with openhtmltopdf. Nothing is fetched:
 * every external resource (images, style sheets, fonts named in the text) is refused, so a PDF
 * never reveals to a third party that someone opened or exported the text.
 */
public final class PdfExport {
  private static final String STYLE = "@page { size: A4; margin: 2.2cm; }"
      + " body { font-family: serif; font-size: 11pt; line-height: 1.4; }"
      + " h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 11.5pt; }"
      + " pre, code { font-family: monospace; font-size: 9.5pt; }"
      + " blockquote { margin-left: 1em; padding-left: 0.8em; border-left: 2px solid #888; }"
      + " p.footer { font-size: 8pt; color: #555; }";

  private PdfExport() {}

  /** The XHTML the PDF is drawn from (tested on its own). */
  static String html(String markdown, String title, String footer) {
    Parser parser = Parser.builder().build();
    HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
        .build();
    String body = renderer.render(parser.parse(markdown));
    // openhtmltopdf reads XHTML: CommonMark writes void elements as <br /> and <hr />, and
    // escapes text, so only the document around it is added here.
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\" /><title>" + escape(title)
        + "</title><style>" + STYLE + "</style></head><body>" + body
        + "<p class=\"footer\">" + escape(footer) + "</p></body></html>";
  }

  /** Writes the PDF of {@code markdown} to {@code out}. */
  public static void write(String markdown, String title, String footer, OutputStream out)
      throws IOException {
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useExternalResourceAccessControl((uri, type) -> false,
        ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.useExternalResourceAccessControl((uri, type) -> false,
        ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    builder.withProducer("Palermo");
    builder.withHtmlContent(html(markdown, title, footer), null);
    builder.toStream(out);
    builder.run();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
