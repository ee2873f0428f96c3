package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.TestServer;

/**
 * Co-authored submissions, as two members of a coalition write one: the second save from the
 * same version gets a 409 and is merged on its author's machine; edits of the same line come
 * back as a conflict to resolve; comments name their version; sign-offs show when the text
 * changed after them; the PDF is made on the member's machine.
 */
class CliSubmissionTest {
  private static TestServer server;
  private static Cli cli;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(TestServer::manyPeople, Clock.systemUTC(), rc -> { });
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Path file(Person p, String name) {
    return p.home().getParent().resolve(name);
  }

  private static String edit(Path file, String from, String to) throws Exception {
    String text = Files.readString(file);
    assertTrue(text.contains(from), from + " in " + text);
    String edited = text.replace(from, to);
    Files.writeString(file, edited);
    return edited;
  }

  @Test
  void twoMembersWriteALetter_mergeTheirEdits_resolveAConflict_commentSignOffAndExport()
      throws Exception {
    Person owner = cli.register("ow");
    Person editor = cli.register("ed");
    String ws = ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    String invitation = ok(cli.as(owner, "workspace", "invite", ws, editor.handle(), "--role",
        "editor")).line("invitation");
    ok(cli.as(editor, "workspace", "accept", invitation));

    Cli.Run created = ok(cli.as(owner, "submission", "new", ws, "--template", "letter",
        "--field", "state=Mexico", "--field", "issues=trafficking in persons"));
    String doc = created.line("document");
    assertEquals("organization, date, signature, contact", created.line("toFill"));

    // Both fetch version 1 and edit different paragraphs.
    Path mine = file(owner, "letter-owner.md");
    Path theirs = file(editor, "letter-editor.md");
    ok(cli.as(owner, "submission", "get", ws, doc, "-o", mine.toString()));
    ok(cli.as(editor, "submission", "get", ws, doc, "-o", theirs.toString()));
    edit(mine, "{{organization}}", "Coalition against trafficking");
    edit(theirs, "Yours sincerely,", "With our thanks,");
    assertEquals("2", ok(cli.as(owner, "submission", "save", ws, doc, mine.toString()))
        .line("version"));
    Cli.Run merged = ok(cli.as(editor, "submission", "save", ws, doc, theirs.toString()));
    assertEquals("3", merged.line("version"));
    assertEquals("version 2", merged.line("mergedWith"), "the server said 409, then merged");
    Path three = file(owner, "v3.md");
    ok(cli.as(owner, "submission", "get", ws, doc, "-o", three.toString()));
    String text3 = Files.readString(three);
    assertTrue(text3.contains("Coalition against trafficking")
        && text3.contains("With our thanks,"), text3);

    // Both change the same line of version 3: the second gets both sides to resolve.
    Path again = file(editor, "letter-editor-2.md");
    ok(cli.as(editor, "submission", "get", ws, doc, "-o", again.toString()));
    edit(three, "{{date}}", "28 November 2026");
    edit(again, "{{date}}", "November 2026");
    assertEquals("4", ok(cli.as(owner, "submission", "save", ws, doc, three.toString()))
        .line("version"));
    Cli.Run conflict = cli.as(editor, "submission", "save", ws, doc, again.toString());
    assertEquals(1, conflict.code(), conflict.toString());
    assertTrue(conflict.err().contains("1 conflict(s) with version 4"), conflict.err());
    String marked = Files.readString(again);
    assertTrue(marked.contains("<<<<<<< yours\nNovember 2026\n=======\n28 November 2026\n"
        + ">>>>>>> version 4"), marked);
    assertEquals(1, cli.as(editor, "submission", "save", ws, doc, again.toString()).code(),
        "markers left in: refused");
    Files.writeString(again, marked.replaceAll("(?s)<<<<<<< yours\n.*?>>>>>>> version 4",
        "28 November 2026"));
    assertEquals("5", ok(cli.as(editor, "submission", "save", ws, doc, again.toString(),
        "--base", "4")).line("version"));

    // Comments name their version; sign-offs say when the text changed after them.
    ok(cli.as(editor, "submission", "comment", ws, doc, "Add the focal point's address?"));
    Cli.Run comments = ok(cli.as(owner, "submission", "comments", ws, doc));
    assertTrue(comments.out().contains("v5  " + editor.handle()), comments.out());
    assertTrue(comments.out().contains("Add the focal point's address?"), comments.out());
    ok(cli.as(owner, "submission", "sign-off", ws, doc, "--org", "Coalition A"));
    Cli.Run endorsed = ok(cli.as(editor, "submission", "endorsements", ws, doc));
    assertTrue(endorsed.out().contains("Coalition A  signed by " + owner.handle()
        + "  version 5  (current version)"), endorsed.out());
    Path five = file(editor, "v5.md");
    ok(cli.as(editor, "submission", "get", ws, doc, "-o", five.toString()));
    edit(five, "{{signature}}", "Ana");
    assertEquals("6", ok(cli.as(editor, "submission", "save", ws, doc, five.toString()))
        .line("version"));
    assertTrue(ok(cli.as(owner, "submission", "endorsements", ws, doc)).out().contains(
        "version 5  (an older version (changed since))"));
    assertTrue(ok(cli.as(owner, "audit", "show", ws)).out().contains("signed off version 5 of "
        + doc));

    // The PDF of version 5 carries the text and its sign-off.
    Path pdf = file(owner, "letter.pdf");
    ok(cli.as(owner, "submission", "export", ws, doc, "--version", "5", "-o", pdf.toString()));
    try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      String text = stripper.getText(d).replaceAll("\\s+", " ");
      assertTrue(text.contains("The Government of Mexico will shortly be reviewed"), text);
      assertTrue(text.contains("28 November 2026"), text);
      assertTrue(text.contains("signed off for Coalition A"), text);
      assertFalse(text.contains("Ana"), "version 5, not 6");
    }
  }

  @Test
  void evidenceIsNotASubmission_andUnknownTemplatesOrFieldsAreRefused() throws Exception {
    Person owner = cli.register("ow");
    String ws = ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    Path file = file(owner, "photo.txt");
    Files.writeString(file, "evidence");
    String doc = ok(cli.as(owner, "doc", "put", ws, file.toString())).line("document");
    Cli.Run notSubmission = cli.as(owner, "submission", "get", ws, doc, "-o",
        file(owner, "x.md").toString());
    assertEquals(1, notSubmission.code(), notSubmission.toString());
    assertTrue(notSubmission.err().contains("not a submission"), notSubmission.err());
    assertEquals(1, cli.as(owner, "submission", "new", ws, "--template", "memo").code());
    Cli.Run field = cli.as(owner, "submission", "new", ws, "--template", "pledge", "--field",
        "country=Chile");
    assertEquals(1, field.code(), field.toString());
    assertTrue(field.err().contains("its fields: state"), field.err());
  }
}
