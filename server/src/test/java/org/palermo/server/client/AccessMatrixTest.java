package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.client.account.AccountClient;
import org.palermo.client.home.Home;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.disclosure.DisclosureChange;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.Operator;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * The access matrix, each cell through HTTP: every actor against a document of every level,
 * for every action, allowed or denied as {@link #EXPECTED} says.
 *
 * <p>Each cell is observed at least twice, and every observation must agree with the table:
 * <ul>
 *   <li>the real command line as that actor (over HTTPS to the real server): exit 0 is allowed,
 *       1 (refused by the client itself, or usage) or 2 (refused by the server) is denied; 3
 *       (integrity) or 4 (unreachable) decides nothing, and fails the cell;
 *   <li>the raw HTTP request the client would send, so that the server's own rule is checked
 *       even where the client refuses before sending anything (a viewer disclosing, an editor
 *       publishing): for writes, a manifest or disclosure entry signed with the actor's own key
 *       (as {@link Forgery} does); 2xx is allowed, 401, 403, 404, or 400 "refused" (a
 *       disclosure change the log's rules refuse) is denied; anything else (409, 5xx, another
 *       400) decides nothing and fails the cell. The same forged requests sent by actors the
 *       table allows must succeed, which shows the forgeries are well-formed;
 *   <li>after a denied write, the shared document it was tried on: unchanged (versions,
 *       removal, disclosure log, grants, release) is denied.
 * </ul>
 * Every observation of every cell is written to {@code target/access-matrix.txt}.
 *
 * <p>The workspace has two owners, so that publishing is four-eyes as in real coalitions: the
 * "owner" actor, and a second owner who only prepares documents (approves each document's
 * version before anyone tries to publish it, so a refused publication is refused for the
 * actor's role, not for want of an approval). Documents are put by the owner (so the
 * contributor is never their first author: it may change only its own). The removed member was
 * an editor, read the documents, then was removed; its forged entries name the membership
 * entry from when it was still an editor. The chosen State is MEX; ZWE is certified but never
 * chosen; NLD was certified, chosen together with MEX (and read the document), then revoked.
 * The States-level document is disclosed to those States; the public one is published by the
 * owner after the second owner's approval.
 *
 * <p>Routes: members use the workspace's routes. A State reads a confidential or States-level
 * document the way its client does: {@code doc list --disclosed} and {@code GET
 * /api/v1/disclosed}; {@code doc get}, which falls back to the disclosed path, and the version's
 * content route. Everyone who is not a member reads a public document as anyone does: {@code
 * public list|get}, {@code GET /api/v1/public...}; anonymous also tries the workspace's routes
 * with no token. The removed member and the outsider try the workspace's routes. Writes are
 * always tried on the workspace's routes (anonymous: with no token).
 *
 * <p>Actions: list (the document appears), read (its content), new version ({@code doc put
 * --update}), disclose (a level other than public: confidential to States-only for MEX,
 * States-only or public back to confidential; the raw entry sets confidential), publish ({@code
 * --level public}), approve ({@code doc approve}), delete ({@code doc rm}). Cells that the table
 * allows and that change state get fresh documents (two for delete: one for the command, one
 * for the raw request); denied ones use the shared document of their level, which is checked
 * unchanged after each (and rebuilt if not, so one wrong cell does not spoil the others).
 */
class AccessMatrixTest {
  /**
   * What each actor may do with a document of each level: L list, R read, V new version, D
   * disclose, P publish, A approve, X delete. {@code +} allowed, {@code -} denied.
   *
   * <p>From the product's rules: owners do everything; editors add and change any document and
   * set confidential or States-only (so an editor may also take a published document back to
   * confidential); owners alone publish and approve; contributors change only the documents
   * they added (these are the owner's); viewers read. Publishing in this two-owner workspace
   * needs the other owner's approval, which every document here has. A State reads only what
   * was disclosed to it while its certificate is in force: a revoked State reads nothing more,
   * even what was disclosed to it before (its client refuses, and so must the server, which
   * still holds the key wrapped to it). Anyone, with or without an account, reads what is
   * public.
   */
  static final String EXPECTED = """
      actor            confidential    states          public
                       L R V D P A X   L R V D P A X   L R V D P A X
      owner            + + + + + + +   + + + + + + +   + + + + + + +
      editor           + + + + - - +   + + + + - - +   + + + + - - +
      contributor      + + - - - - -   + + - - - - -   + + - - - - -
      viewer           + + - - - - -   + + - - - - -   + + - - - - -
      removed          - - - - - - -   - - - - - - -   + + - - - - -
      outsider         - - - - - - -   - - - - - - -   + + - - - - -
      state-chosen     - - - - - - -   + + - - - - -   + + - - - - -
      state-unchosen   - - - - - - -   - - - - - - -   + + - - - - -
      state-revoked    - - - - - - -   - - - - - - -   + + - - - - -
      anonymous        - - - - - - -   - - - - - - -   + + - - - - -
      """;

  enum Actor {
    OWNER, EDITOR, CONTRIBUTOR, VIEWER, REMOVED, OUTSIDER, STATE_CHOSEN, STATE_UNCHOSEN,
    STATE_REVOKED, ANONYMOUS;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    boolean member() {
      return ordinal() <= VIEWER.ordinal();
    }

    boolean state() {
      return name().startsWith("STATE_");
    }
  }

  enum Level { CONFIDENTIAL, STATES, PUBLIC }

  enum Action {
    LIST('L'), READ('R'), NEW_VERSION('V'), DISCLOSE('D'), PUBLISH('P'), APPROVE('A'),
    DELETE('X');

    final char letter;

    Action(char letter) {
      this.letter = letter;
    }

    boolean changes() {
      return this != LIST && this != READ;
    }
  }

  record Cell(Actor actor, Level level, Action action) {
    @Override
    public String toString() {
      return actor.label() + " x " + level.name().toLowerCase(Locale.ROOT) + " x "
          + action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** One observation of a cell: allowed, denied, or null when it decided nothing. */
  record Seen(String how, Boolean allowed, String evidence) {}

  /** A document the owner put, at a level. */
  record Doc(String id, Level level, byte[] content) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static TestServer server;
  private static Cli cli;
  private static final Map<Actor, Person> people = new EnumMap<>(Actor.class);
  private static final Map<String, IdentityKeys> keys = new HashMap<>();
  private static final Map<Level, Doc> shared = new EnumMap<>(Level.class);
  private static final Map<Level, String> sharedState = new EnumMap<>(Level.class);
  private static Person coOwner;
  private static Path anonymousHome;
  private static Path files;
  private static String ws;
  /** The membership log's head while the removed member was still an editor. */
  private static long beforeRemoval;
  private static int counter;

  @BeforeAll
  static void start() {
    RateLimitRule generous = new RateLimitRule(1_000_000, Duration.ofMinutes(1));
    server = TestServer.start(c -> {
      ServerConfig out = c;
      for (RateLimit limit : RateLimit.values()) {
        out = out.withRateLimit(limit, generous);
      }
      return out;
    }, Clock.systemUTC(), rc -> { });
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyCell_isAllowedOrDeniedAsTheTableSays() throws Exception {
    Map<Cell, Boolean> expected = parse(EXPECTED);
    assertEquals(Actor.values().length * Level.values().length * Action.values().length,
        expected.size(), "the table has every cell");
    long began = System.nanoTime();
    setUp();
    long setUp = System.nanoTime();

    Map<Cell, List<Seen>> seen = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    // Reads first, on the documents as set up; then the writes.
    for (Action action : Action.values()) {
      for (Actor actor : Actor.values()) {
        for (Level level : Level.values()) {
          Cell cell = new Cell(actor, level, action);
          boolean allow = expected.get(cell);
          List<Seen> got;
          try {
            got = perform(cell, allow);
          } catch (Exception | AssertionError e) {
            got = List.of(new Seen("preparing the cell", null, e.toString()));
          }
          if (action.changes() && !allow) {
            got = new ArrayList<>(got);
            try {
              got.add(keepShared(level));
            } catch (Exception | AssertionError e) {
              got.add(new Seen("checking the shared document", null, e.toString()));
            }
          }
          seen.put(cell, got);
          for (Seen s : got) {
            if (!Objects.equals(s.allowed(), allow)) {
              failures.add(cell + ": expected " + word(allow) + ", " + s.how() + " was "
                  + word(s.allowed()) + " (" + s.evidence() + ")");
            }
          }
        }
      }
    }
    long done = System.nanoTime();
    StringBuilder evidence = new StringBuilder();
    seen.forEach((cell, got) -> {
      evidence.append(cell).append(": expected ").append(word(expected.get(cell))).append('\n');
      got.forEach(s -> evidence.append("    ").append(s.how()).append(": ")
          .append(word(s.allowed())).append(" (").append(s.evidence()).append(")\n"));
    });
    Files.writeString(Path.of("target", "access-matrix.txt"), evidence);
    System.out.println("Access matrix: set-up " + (setUp - began) / 1_000_000 + " ms, cells "
        + (done - setUp) / 1_000_000 + " ms; observed (! where it differs from the table):\n"
        + observed(seen, expected));
    assertTrue(failures.isEmpty(), failures.size() + " observation(s) differ from the table:\n"
        + String.join("\n", failures) + "\nobserved:\n" + observed(seen, expected));
  }

  // ---------------------------------------------------------------------------------------
  // The table

  static Map<Cell, Boolean> parse(String table) {
    Map<String, Actor> byLabel = new HashMap<>();
    for (Actor a : Actor.values()) {
      byLabel.put(a.label(), a);
    }
    Map<Cell, Boolean> out = new LinkedHashMap<>();
    for (String line : table.lines().toList()) {
      String[] tokens = line.strip().split("\\s+");
      Actor actor = byLabel.get(tokens[0]);
      if (actor == null) {
        continue; // a heading
      }
      int expectedTokens = 1 + Level.values().length * Action.values().length;
      if (tokens.length != expectedTokens) {
        throw new IllegalArgumentException("row " + tokens[0] + " has " + (tokens.length - 1)
            + " marks, not " + (expectedTokens - 1));
      }
      int i = 1;
      for (Level level : Level.values()) {
        for (Action action : Action.values()) {
          String mark = tokens[i++];
          if (!mark.equals("+") && !mark.equals("-")) {
            throw new IllegalArgumentException("row " + tokens[0] + ": " + mark);
          }
          if (out.put(new Cell(actor, level, action), mark.equals("+")) != null) {
            throw new IllegalArgumentException("row " + tokens[0] + " twice");
          }
        }
      }
    }
    return out;
  }

  /** The table as observed: each cell's mark, with ! after a cell that differs. */
  private static String observed(Map<Cell, List<Seen>> seen, Map<Cell, Boolean> expected) {
    StringBuilder out = new StringBuilder(String.format("%-16s", "")
        + "confidential      states            public\n" + String.format("%-16s", ""));
    for (int i = 0; i < Level.values().length; i++) {
      for (Action a : Action.values()) {
        out.append(a.letter).append(' ');
      }
      out.append("    ");
    }
    out.append('\n');
    for (Actor actor : Actor.values()) {
      out.append(String.format("%-16s", actor.label()));
      for (Level level : Level.values()) {
        for (Action action : Action.values()) {
          Cell cell = new Cell(actor, level, action);
          List<Seen> s = seen.get(cell);
          String mark;
          if (s == null) {
            mark = " ";
          } else if (s.stream().anyMatch(x -> x.allowed() == null)) {
            mark = "?";
          } else if (s.stream().allMatch(Seen::allowed)) {
            mark = "+";
          } else if (s.stream().noneMatch(Seen::allowed)) {
            mark = "-";
          } else {
            mark = "~"; // the command line and the raw request disagree
          }
          boolean differs = s != null && s.stream()
              .anyMatch(x -> !Objects.equals(x.allowed(), expected.get(cell)));
          out.append(mark).append(differs ? "!" : " ");
        }
        out.append("    ");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String word(Boolean allowed) {
    return allowed == null ? "UNDECIDED" : allowed ? "ALLOW" : "DENY";
  }

  // ---------------------------------------------------------------------------------------
  // The people and the documents

  private static void setUp() throws Exception {
    files = TestDatabase.folder("matrix-files");
    anonymousHome = Cli.home(Cli.unique("anon"));
    // Registering is the slow part (the passphrase's key derivation): a few at a time.
    Map<Actor, String> prefixes = new EnumMap<>(Map.of(Actor.OWNER, "ow", Actor.EDITOR, "ed",
        Actor.CONTRIBUTOR, "ct", Actor.VIEWER, "vi", Actor.REMOVED, "rm", Actor.OUTSIDER, "out",
        Actor.STATE_CHOSEN, "mx", Actor.STATE_UNCHOSEN, "zw", Actor.STATE_REVOKED, "nl"));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Person> op = pool.submit(() -> cli.register("op"));
      Future<Person> co = pool.submit(() -> cli.register("co"));
      Map<Actor, Future<Person>> registering = new EnumMap<>(Actor.class);
      prefixes.forEach((actor, prefix) -> registering.put(actor,
          pool.submit(() -> cli.register(prefix))));
      for (Map.Entry<Actor, Future<Person>> e : registering.entrySet()) {
        people.put(e.getKey(), e.getValue().get());
      }
      coOwner = co.get();
      setUp(new Operator(cli, server, op.get()));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void setUp(Operator operator) throws Exception {
    Person owner = people.get(Actor.OWNER);
    operator.certify(people.get(Actor.STATE_CHOSEN), "MEX");
    operator.certify(people.get(Actor.STATE_UNCHOSEN), "ZWE");
    operator.certify(people.get(Actor.STATE_REVOKED), "NLD");

    ws = ok(cli.as(owner, "workspace", "create", "Access matrix")).line("workspace");
    Map<Person, String> roles = new LinkedHashMap<>();
    roles.put(coOwner, "owner");
    roles.put(people.get(Actor.EDITOR), "editor");
    roles.put(people.get(Actor.CONTRIBUTOR), "contributor");
    roles.put(people.get(Actor.VIEWER), "viewer");
    roles.put(people.get(Actor.REMOVED), "editor");
    for (Map.Entry<Person, String> e : roles.entrySet()) {
      String invitation = ok(cli.as(owner, "workspace", "invite", ws, e.getKey().handle(),
          "--role", e.getValue())).line("invitation");
      ok(cli.as(e.getKey(), "workspace", "accept", invitation));
    }

    shared.put(Level.CONFIDENTIAL, make(Level.CONFIDENTIAL, true));
    shared.put(Level.STATES, make(Level.STATES, true, "MEX", "NLD"));
    shared.put(Level.PUBLIC, make(Level.PUBLIC, true));
    for (Level level : Level.values()) {
      sharedState.put(level, state(shared.get(level)));
    }

    // Before they lose it, the removed member and the revoked State could read.
    Person removed = people.get(Actor.REMOVED);
    ok(cli.as(removed, "doc", "get", ws, shared.get(Level.CONFIDENTIAL).id(), "-o",
        next("before-removal").toString()));
    ok(cli.as(people.get(Actor.STATE_REVOKED), "doc", "get", ws, shared.get(Level.STATES).id(),
        "-o", next("before-revocation").toString()));
    beforeRemoval = headSequence();
    ok(cli.as(owner, "workspace", "remove", ws, removed.handle()));
    ok(operator.admin("revoke-state", people.get(Actor.STATE_REVOKED).handle()));
  }

  /** A fresh document of that level, put by the owner (approved by the second owner). */
  private static Doc make(Level level, boolean approved, String... states) throws Exception {
    Person owner = people.get(Actor.OWNER);
    byte[] content = ("Access matrix " + level + " " + System.nanoTime())
        .getBytes(StandardCharsets.UTF_8);
    Path file = next("doc-" + level.name().toLowerCase(Locale.ROOT));
    Files.write(file, content);
    String id = ok(cli.as(owner, "doc", "put", ws, file.toString())).line("document");
    if (approved || level == Level.PUBLIC) {
      ok(cli.as(coOwner, "doc", "approve", ws, id));
    }
    if (level == Level.STATES) {
      List<String> args = new ArrayList<>(List.of("doc", "disclose", ws, id, "--level",
          "states"));
      for (String s : states.length == 0 ? new String[] {"MEX"} : states) {
        args.addAll(List.of("--state", s));
      }
      ok(cli.as(owner, args.toArray(String[]::new)));
    } else if (level == Level.PUBLIC) {
      ok(cli.as(owner, "doc", "disclose", ws, id, "--level", "public", "--yes"));
    }
    return new Doc(id, level, content);
  }

  /**
   * After a denied write, whether the shared document changed (its versions, removal,
   * disclosure log, grants or release); if it did, the owner removes it and a new one takes
   * its place, so that one wrong cell does not spoil the next.
   */
  private static Seen keepShared(Level level) throws Exception {
    Doc d = shared.get(level);
    String before = sharedState.get(level);
    String after = state(d);
    if (before.equals(after)) {
      return new Seen("the shared document afterwards", false, "unchanged: " + after);
    }
    cli.as(people.get(Actor.OWNER), "doc", "rm", ws, d.id());
    Doc fresh = make(level, true);
    shared.put(level, fresh);
    sharedState.put(level, state(fresh));
    return new Seen("the shared document afterwards", true, "changed from " + before + " to "
        + after + " (replaced by " + fresh.id() + ")");
  }

  /** What a denied write must leave as it was. */
  private static String state(Doc d) {
    Object[] key = {hex(ws), hex(d.id())};
    return "version:deleted " + cli.strings("SELECT CONCAT(current_version, ':', deleted) FROM"
        + " documents WHERE workspace_id = ? AND id = ?", key)
        + ", disclosure entries " + cli.strings("SELECT COUNT(*) FROM disclosure_entries WHERE"
        + " workspace_id = ? AND document_id = ?", key)
        + ", grants " + cli.strings("SELECT COUNT(*) FROM state_grants WHERE workspace_id = ?"
        + " AND document_id = ?", key)
        + ", released " + cli.strings("SELECT version FROM public_releases WHERE"
        + " workspace_id = ? AND document_id = ?", key);
  }

  // ---------------------------------------------------------------------------------------
  // The cells

  private static List<Seen> perform(Cell cell, boolean allow) throws Exception {
    return switch (cell.action()) {
      case LIST -> list(cell);
      case READ -> read(cell);
      case NEW_VERSION -> newVersion(cell, allow);
      case DISCLOSE -> disclose(cell, allow);
      case PUBLISH -> publish(cell, allow);
      case APPROVE -> approve(cell, allow);
      case DELETE -> delete(cell, allow);
    };
  }

  /** How an actor reaches a document to list or read it. */
  enum Route { MEMBER, DISCLOSED, PUBLIC }

  private static Route route(Actor actor, Level level) {
    if (actor.member()) {
      return Route.MEMBER;
    }
    if (level == Level.PUBLIC || actor == Actor.ANONYMOUS) {
      return Route.PUBLIC;
    }
    return actor.state() ? Route.DISCLOSED : Route.MEMBER;
  }

  private static List<Seen> list(Cell cell) throws Exception {
    Doc d = shared.get(cell.level());
    Person p = people.get(cell.actor());
    List<Seen> out = new ArrayList<>();
    switch (route(cell.actor(), cell.level())) {
      case MEMBER -> {
        Cli.Run run = cli.as(p, "doc", "list", ws);
        out.add(seen("doc list", run, run.out().contains(d.id())));
        HttpResponse<String> r = get(p, "api/v1/workspaces/" + ws + "/documents?limit=1000");
        out.add(seen("GET documents", r, r.body().contains(d.id())));
      }
      case DISCLOSED -> {
        Cli.Run run = cli.as(p, "doc", "list", "--disclosed");
        out.add(seen("doc list --disclosed", run, run.out().contains(d.id())));
        HttpResponse<String> r = get(p, "api/v1/disclosed");
        out.add(seen("GET disclosed", r, r.body().contains(d.id())));
      }
      case PUBLIC -> {
        Cli.Run run = run(cell.actor(), "public", "list", "--limit", "100");
        out.add(seen("public list", run, run.out().contains(d.id())));
        HttpResponse<String> r = get(null, "api/v1/public?limit=100");
        out.add(seen("GET public", r, r.body().contains(d.id())));
        if (cell.actor() == Actor.ANONYMOUS && cell.level() != Level.PUBLIC) {
          HttpResponse<String> members = get(null, "api/v1/workspaces/" + ws + "/documents");
          out.add(seen("GET documents (no token)", members, members.body().contains(d.id())));
        }
      }
    }
    return out;
  }

  private static List<Seen> read(Cell cell) throws Exception {
    Doc d = shared.get(cell.level());
    Person p = people.get(cell.actor());
    List<Seen> out = new ArrayList<>();
    Path target = next("read");
    String content = versionsPath(d) + "/" + currentVersion(d) + "/content";
    switch (route(cell.actor(), cell.level())) {
      case MEMBER, DISCLOSED -> {
        Cli.Run run = cli.as(p, "doc", "get", ws, d.id(), "-o", target.toString());
        out.add(seen("doc get", run, wrote(target, d)));
        HttpResponse<String> r = get(p, content);
        out.add(seen("GET content", r, true));
      }
      case PUBLIC -> {
        Cli.Run run = run(cell.actor(), "public", "get", ws, d.id(), "-o", target.toString());
        out.add(seen("public get", run, wrote(target, d)));
        HttpResponse<String> r = get(null, "api/v1/public/" + ws + "/" + d.id() + "/content");
        out.add(seen("GET public content", r, true));
        if (cell.actor() == Actor.ANONYMOUS && cell.level() != Level.PUBLIC) {
          HttpResponse<String> members = get(null, content);
          out.add(seen("GET content (no token)", members, true));
        }
      }
    }
    return out;
  }

  private static List<Seen> newVersion(Cell cell, boolean allow) throws Exception {
    Doc d = allow ? make(cell.level(), false) : shared.get(cell.level());
    List<Seen> out = new ArrayList<>();
    out.add(seen("POST versions", post(cell.actor(), versionsPath(d),
        forgeVersion(signer(cell.actor()), d, false)), true));
    if (cell.actor() != Actor.ANONYMOUS) {
      Path file = next("v2");
      Files.writeString(file, "Next version " + System.nanoTime());
      out.add(seen("doc put --update", cli.as(people.get(cell.actor()), "doc", "put", ws,
          file.toString(), "--update", d.id()), true));
    }
    return out;
  }

  private static List<Seen> disclose(Cell cell, boolean allow) throws Exception {
    Doc d = allow ? make(cell.level(), false) : shared.get(cell.level());
    List<Seen> out = new ArrayList<>();
    if (cell.actor() != Actor.ANONYMOUS) {
      String[] level = cell.level() == Level.CONFIDENTIAL
          ? new String[] {"--level", "states", "--state", "MEX"}
          : new String[] {"--level", "confidential"};
      List<String> args = new ArrayList<>(List.of("doc", "disclose", ws, d.id()));
      args.addAll(List.of(level));
      out.add(seen("doc disclose " + String.join(" ", level),
          cli.as(people.get(cell.actor()), args.toArray(String[]::new)), true));
    }
    out.add(seen("POST disclosure (confidential)", post(cell.actor(), disclosurePath(d),
        forgeDisclosure(cell.actor(), d, DisclosureLevel.CONFIDENTIAL, null)), true));
    return out;
  }

  private static List<Seen> publish(Cell cell, boolean allow) throws Exception {
    Doc d = allow ? make(cell.level(), true) : shared.get(cell.level());
    List<Seen> out = new ArrayList<>();
    if (cell.actor() != Actor.ANONYMOUS) {
      out.add(seen("doc disclose --level public", cli.as(people.get(cell.actor()), "doc",
          "disclose", ws, d.id(), "--level", "public", "--yes"), true));
    }
    // The released key when there is one (a wrong key would break every public reader).
    byte[] key = releasedKey(d);
    out.add(seen("POST disclosure (public)", post(cell.actor(), disclosurePath(d),
        forgeDisclosure(cell.actor(), d, DisclosureLevel.PUBLIC, key)), true));
    return out;
  }

  private static List<Seen> approve(Cell cell, boolean allow) throws Exception {
    Doc d = allow ? make(cell.level(), false) : shared.get(cell.level());
    List<Seen> out = new ArrayList<>();
    if (cell.actor() != Actor.ANONYMOUS) {
      out.add(seen("doc approve", cli.as(people.get(cell.actor()), "doc", "approve", ws,
          d.id()), true));
    }
    out.add(seen("POST disclosure (approval)", post(cell.actor(), disclosurePath(d),
        forgeDisclosure(cell.actor(), d, null, null)), true));
    return out;
  }

  private static List<Seen> delete(Cell cell, boolean allow) throws Exception {
    Doc forRaw = allow ? make(cell.level(), false) : shared.get(cell.level());
    Doc forCli = allow ? make(cell.level(), false) : forRaw;
    List<Seen> out = new ArrayList<>();
    out.add(seen("POST versions (removal)", post(cell.actor(), versionsPath(forRaw),
        forgeVersion(signer(cell.actor()), forRaw, true)), true));
    if (cell.actor() != Actor.ANONYMOUS) {
      out.add(seen("doc rm", cli.as(people.get(cell.actor()), "doc", "rm", ws, forCli.id()),
          true));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Observations

  /** The command line: 0 allowed (if {@code shown}), 1 or 2 denied, else undecided. */
  private static Seen seen(String how, Cli.Run run, boolean shown) {
    Boolean allowed = switch (run.code()) {
      case 0 -> shown;
      case 1, 2 -> false;
      default -> null;
    };
    String err = run.err().strip();
    String last = err.substring(err.lastIndexOf('\n') + 1); // the error follows any warning
    return new Seen(how, allowed, "exit " + run.code() + (err.isEmpty() ? "" : ": " + last)
        + (run.code() == 0 && !shown ? " (the document is not in what it showed)" : ""));
  }

  /** A raw response: 2xx allowed (if {@code shown}), a refusal denied, else undecided. */
  private static Seen seen(String how, HttpResponse<String> r, boolean shown) {
    int s = r.statusCode();
    Boolean allowed;
    if (s / 100 == 2) {
      allowed = shown;
    } else if (s == 401 || s == 403 || s == 404 || s == 400 && r.body().contains("refused")) {
      allowed = false;
    } else {
      allowed = null;
    }
    String body = r.body().replaceAll("\\s+", " ");
    return new Seen(how, allowed, s + " " + (body.length() > 200 ? body.substring(0, 200) + "..."
        : body));
  }

  private static boolean wrote(Path target, Doc d) throws Exception {
    return Files.exists(target) && Arrays.equals(d.content(), Files.readAllBytes(target));
  }

  // ---------------------------------------------------------------------------------------
  // Raw HTTP and forged requests

  private static Cli.Run run(Actor actor, String... args) {
    return actor == Actor.ANONYMOUS ? cli.runWith(anonymousHome, null, args)
        : cli.as(people.get(actor), args);
  }

  private static HttpRequest.Builder request(Person p, String path) throws Exception {
    HttpRequest.Builder b = server.request(path);
    if (p != null) {
      b.header("Authorization", "Bearer " + p.token());
    }
    return b;
  }

  private static HttpResponse<String> get(Person p, String path) throws Exception {
    return server.send(request(p, path).GET().build());
  }

  /** POSTs as the actor (anonymous: without a token). */
  private static HttpResponse<String> post(Actor actor, String path, Map<String, Object> body)
      throws Exception {
    return server.send(request(people.get(actor), path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
  }

  /** Whose key signs the actor's forged requests: anonymous has none, it borrows one. */
  private static Actor signer(Actor actor) {
    return actor == Actor.ANONYMOUS ? Actor.OUTSIDER : actor;
  }

  private static IdentityKeys keys(Actor actor) {
    Person p = people.get(signer(actor));
    return keys.computeIfAbsent(p.handle(), h -> new AccountClient(null, new Home(p.home()))
        .unlock(Cli.PASSPHRASE.toCharArray()));
  }

  /** The membership entry the actor acts under: for the removed member, when it was one. */
  private static long membershipSequence(Actor actor) {
    return actor == Actor.REMOVED ? beforeRemoval : headSequence();
  }

  /**
   * A new version (or a removal) of the document's current version, signed by the actor: the
   * current manifest re-made with the actor as author, the workspace's epoch and head.
   */
  private static Map<String, Object> forgeVersion(Actor actor, Doc d, boolean removal)
      throws Exception {
    IdentityKeys k = keys(actor);
    long current = currentVersion(d);
    byte[] manifest = cli.bytes("SELECT manifest FROM document_versions WHERE workspace_id = ?"
        + " AND document_id = ? AND version = ?", hex(ws), hex(d.id()), current);
    long epoch = Long.parseLong(cli.strings("SELECT current_epoch FROM workspaces WHERE id = ?",
        hex(ws)).get(0));
    long now = Instant.now().getEpochSecond();
    Map<String, Object> body = new LinkedHashMap<>();
    DocumentManifest m;
    if (removal) {
      m = DocumentManifest.builder().workspace(WorkspaceId.parse(ws))
          .document(DocumentId.parse(d.id())).version(current + 1).parentVersion(current)
          .kind(ManifestKind.TOMBSTONE).author(k.account()).authorDevice(k.device())
          .epoch(epoch).membershipSequence(membershipSequence(actor))
          .disclosure(DocumentManifest.decode(manifest).disclosure()).createdAt(now)
          .contentLength(0).build();
    } else {
      m = DocumentManifest.decode(manifest).toBuilder().version(current + 1)
          .parentVersion(current).author(k.account()).authorDevice(k.device()).epoch(epoch)
          .membershipSequence(membershipSequence(actor)).createdAt(now).build();
      body.put("metadata", b64(cli.bytes("SELECT metadata FROM document_versions WHERE"
          + " workspace_id = ? AND document_id = ? AND version = ?", hex(ws), hex(d.id()),
          current)));
    }
    body.put("manifest", b64(m.encode()));
    body.put("signature", b64(m.sign(k.signing())));
    return body;
  }

  /**
   * The document's next disclosure entry, signed by the actor: a level ({@code key} released
   * with a public one) or, for a null level, an approval, of the current version.
   */
  private static Map<String, Object> forgeDisclosure(Actor actor, Doc d, DisclosureLevel level,
      byte[] key) throws Exception {
    IdentityKeys k = keys(actor);
    List<String> sequences = cli.strings("SELECT sequence FROM disclosure_entries WHERE"
        + " workspace_id = ? AND document_id = ? ORDER BY sequence", hex(ws), hex(d.id()));
    ChainEntry previous = sequences.isEmpty() ? null : ChainEntry.decode(cli.bytes(
        "SELECT entry FROM disclosure_entries WHERE workspace_id = ? AND document_id = ?"
            + " AND sequence = ?", hex(ws), hex(d.id()), sequences.size() - 1));
    ChainHead stateList = ChainHead.of(ChainEntry.decode(cli.bytes(
        "SELECT entry FROM state_certificates ORDER BY sequence DESC LIMIT 1")));
    Instant now = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    WorkspaceId w = WorkspaceId.parse(ws);
    DocumentId doc = DocumentId.parse(d.id());
    long version = currentVersion(d);
    DisclosureChange change = level == null
        ? new DisclosureChange.Approve(w, doc, version, membershipSequence(actor), now)
        : new DisclosureChange.SetLevel(w, doc, version, membershipSequence(actor), now, level,
            List.of(), stateList);
    ChainEntry entry = previous == null
        ? ChainEntry.genesis(ChainKind.DISCLOSURE, k.signing(), change.encode())
        : ChainEntry.next(ChainKind.DISCLOSURE, previous, k.signing(), change.encode());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entry", b64(entry.encode()));
    body.put("grants", List.of());
    if (level == DisclosureLevel.PUBLIC) {
      byte[] release = key;
      if (release == null) {
        release = new byte[32];
        RANDOM.nextBytes(release);
      }
      body.put("release", b64(release));
    }
    return body;
  }

  private static byte[] releasedKey(Doc d) {
    List<String> released = cli.strings("SELECT version FROM public_releases WHERE"
        + " workspace_id = ? AND document_id = ?", hex(ws), hex(d.id()));
    return released.isEmpty() ? null : cli.bytes("SELECT document_key FROM public_releases"
        + " WHERE workspace_id = ? AND document_id = ?", hex(ws), hex(d.id()));
  }

  private static long currentVersion(Doc d) {
    return Long.parseLong(cli.strings("SELECT current_version FROM documents WHERE"
        + " workspace_id = ? AND id = ?", hex(ws), hex(d.id())).get(0));
  }

  private static long headSequence() {
    return Long.parseLong(cli.strings("SELECT head_sequence FROM workspaces WHERE id = ?",
        hex(ws)).get(0));
  }

  private static String versionsPath(Doc d) {
    return "api/v1/workspaces/" + ws + "/documents/" + d.id() + "/versions";
  }

  private static String disclosurePath(Doc d) {
    return "api/v1/workspaces/" + ws + "/documents/" + d.id() + "/disclosure";
  }

  private static Path next(String name) {
    return files.resolve(name + "-" + (++counter) + ".txt");
  }

  private static byte[] hex(String id) {
    return HexFormat.of().parseHex(id);
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
