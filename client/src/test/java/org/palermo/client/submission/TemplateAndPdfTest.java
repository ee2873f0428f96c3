package org.palermo.client.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.palermo.client.ClientException;

class TemplateAndPdfTest {
  @Test
  void theGuidesTemplates_haveTheirFields_andFillWhatIsGiven() {
    assertEquals(List.of("organization", "date", "state", "issues", "signature", "contact"),
        Template.LETTER.fields());
    assertEquals(List.of("state"), Template.PLEDGE.fields());
    String letter = Template.LETTER.fill(Map.of("state", "Mexico", "issues",
        "trafficking in persons"));
    assertTrue(letter.contains("The Government of Mexico will shortly be reviewed"));
    assertTrue(letter.contains("focused on the issue(s) of trafficking in persons"));
    assertTrue(letter.contains("(para. 23)"));
    assertEquals(List.of("organization", "date", "signature", "contact"),
        Template.unfilled(letter));
    assertTrue(Template.PLEDGE.fill(Map.of("state", "Chile")).contains(
        "the Government of Chile is committed to involving civil society"));
    ClientException field = assertThrows(ClientException.class,
        () -> Template.PLEDGE.fill(Map.of("stat", "Chile")));
    assertEquals(ClientException.USAGE, field.exitCode());
    assertTrue(field.getMessage().startsWith("The pledge template has no field 'stat'"),
        field.getMessage());
    assertEquals("A template is letter or pledge",
        assertThrows(ClientException.class, () -> Template.parse("memo")).getMessage());
    assertEquals(Template.LETTER, Template.parse(" Letter "));
  }

  @Test
  void theExport_isAPdfOfTheText_andRawHtmlOrRemoteImagesAreNotHonoured() throws Exception {
    String markdown = "# Shadow report\n\nFindings on **trafficking** routes.\n\n"
        + "<script>alert(1)</script>\n\n![tracker](https://tracker.invalid/pixel.png)\n\n"
        + "- first point\n- second point\n";
    String html = PdfExport.html(markdown, "Shadow report", "version 2");
    assertFalse(html.contains("<script>"), html);
    assertTrue(html.contains("&lt;script&gt;"), html);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfExport.write(markdown, "Shadow report", "Shadow report, version 2", out);
    try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      String text = stripper.getText(pdf);
      assertTrue(text.contains("Shadow report"), text);
      assertTrue(text.contains("Findings on trafficking routes."), text);
      assertTrue(text.contains("second point"), text);
      assertTrue(text.contains("version 2"), text);
      assertTrue(text.contains("<script>alert(1)</script>"), "shown as text, not run: " + text);
      assertEquals("Shadow report", pdf.getDocumentInformation().getTitle());
    }
  }
}
