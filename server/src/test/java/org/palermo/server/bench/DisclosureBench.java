package org.palermo.server.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.document.DisclosureClient;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.http.ServerTrust;
import org.palermo.client.states.StatesClient;
import org.palermo.client.strip.MetadataStripper;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.states.StateCode;
import org.palermo.security.states.StateRegistry;
import org.palermo.security.wrap.KeyWrap;
import org.palermo.security.wrap.WrapInfo;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Operator;
import org.palermo.server.testing.TestServer;

/**
 * The helper of {@code scripts/bench-disclosure}: disclosing one document to every certified
 * State (one account per State Party, 190 by default) and fulfilling the grants a workspace's
 * States-only documents owe to States certified after their level was set.
 *
 * <p>The grants: with all but the late States certified, the owner sets many documents to
 * States only; each round then certifies a few more States, so that documents x late States
 * keys are owed, and a member's client fulfils them.
 *
 * <p>Everything runs in this JVM over real HTTPS, as the server tests do: the real server
 * ({@link TestServer}, its embedded MariaDB, every rate limit raised, metrics on) and the real
 * client. Accounts are registered and State accounts certified through the real command line
 * ({@link Cli}: {@code palermo account register}, {@code palermo admin certify-state} with the
 * operator key, one after the other). The measured operations go through the client classes
 * the command line wires ({@link DisclosureClient#disclose}, {@link DisclosureClient#pending},
 * {@link DisclosureClient#fulfil}) with the owner's keys unlocked once beforehand: what
 * {@code palermo doc disclose} and {@code palermo doc grants --fulfil} do after their JVM start
 * and Argon2id unlock. One more round of each goes through the command line in this JVM, the
 * unlock included. Every key is wrapped and every signature made and checked for real.
 *
 * <pre>
 *   DisclosureBench [--states N] [--runs N] [--grant-documents N] [--late-states K]
 *                   [--fulfil-rounds R] [--register-threads T]
 * </pre>
 *
 * <p>Progress goes to standard error, the figures to standard output. Folders are made under
 * {@code target/test-data} of the working folder (the script runs it in its work folder).
 */
public final class DisclosureBench {
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final long STARTED = System.nanoTime();

  private DisclosureBench() {}

  /** The options, with the figures as defaults. */
  private record Options(int states, int runs, int grantDocuments, int lateStates,
      int fulfilRounds, int registerThreads) {
    /**
     * States certified before the documents that owe grants are disclosed: all but those
     * certified for the rounds, so that the State list is as long as it would be then.
     */
    int early() {
      return states - forRounds();
    }

    /** States certified for the rounds: one set per measured round and one for the CLI's. */
    int forRounds() {
      return lateStates * (fulfilRounds + 1);
    }
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("DisclosureBench: " + e.getMessage());
      System.err.println("usage: DisclosureBench [--states N] [--runs N] [--grant-documents N]"
          + " [--late-states K] [--fulfil-rounds R] [--register-threads T]");
      System.exit(2);
      return;
    }
    int code;
    try {
      code = run(o);
    } catch (ClientException e) {
      System.err.println("DisclosureBench: " + e.getMessage());
      code = 1;
    } catch (AssertionError | IllegalStateException e) {
      System.err.println("DisclosureBench: " + e.getMessage());
      e.printStackTrace();
      code = 1;
    }
    System.out.flush();
    // The shutdown hooks stop the embedded MariaDB.
    System.exit(code);
  }

  private static Options parse(String[] args) {
    Map<String, Integer> v = new LinkedHashMap<>();
    v.put("--states", 190);
    v.put("--runs", 5);
    v.put("--grant-documents", 200);
    v.put("--late-states", 5);
    v.put("--fulfil-rounds", 3);
    v.put("--register-threads", 2);
    for (int i = 0; i < args.length; i += 2) {
      if (!v.containsKey(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
      }
      try {
        v.put(args[i], Integer.parseInt(args[i + 1]));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(args[i] + " needs a whole number");
      }
    }
    Options o = new Options(v.get("--states"), v.get("--runs"), v.get("--grant-documents"),
        v.get("--late-states"), v.get("--fulfil-rounds"), v.get("--register-threads"));
    if (o.runs() < 1 || o.grantDocuments() < 1 || o.lateStates() < 1 || o.fulfilRounds() < 1
        || o.registerThreads() < 1) {
      throw new IllegalArgumentException("every number must be at least 1");
    }
    if (o.states() < 1 + o.forRounds()) {
      throw new IllegalArgumentException("--states must be at least " + (1 + o.forRounds())
          + ": one State or more first, then --late-states for each of the --fulfil-rounds and"
          + " for the command line's round");
    }
    if (o.states() > codes().size()) {
      throw new IllegalArgumentException("--states is at most " + codes().size()
          + " (the ISO 3166-1 alpha-3 codes StateCode takes)");
    }
    return o;
  }

  /** Real ISO 3166-1 alpha-3 codes, in order, each one StateCode takes. */
  private static List<StateCode> codes() {
    List<StateCode> out = new ArrayList<>();
    for (String c : new java.util.TreeSet<>(
        Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3))) {
      try {
        out.add(StateCode.parse(c));
      } catch (IllegalArgumentException e) {
        // not one the State list takes
      }
    }
    return out;
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "   [%6.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9,
        String.format(Locale.ROOT, format, args));
  }

  /** The owner's client, wired as {@code PalermoCli.unlock()} wires it, keys open. */
  private record Client(PalermoHttp http, WorkspaceClient workspaces, DocumentClient documents,
      StatesClient states, DisclosureClient disclosures) {}

  private static Client client(Path homeDir, IdentityKeys keys) {
    Home home = new Home(homeDir);
    PalermoHttp http = connect(home);
    AccountClient accounts = new AccountClient(http, home);
    WorkspaceClient workspaces = new WorkspaceClient(http, home, keys, accounts);
    AuditClient audit = new AuditClient(http, home, workspaces, Clock.systemUTC());
    DocumentClient documents = new DocumentClient(http, home, workspaces,
        new MetadataStripper(), audit, Clock.systemUTC());
    StatesClient states = new StatesClient(http, home, Clock.systemUTC());
    DisclosureClient disclosures = new DisclosureClient(http, home, workspaces, documents,
        states, audit, Clock.systemUTC());
    return new Client(http, workspaces, documents, states, disclosures);
  }

  /** A connection as the command line makes it from the settings in a client folder. */
  private static PalermoHttp connect(Home home) {
    Home.ServerSettings s = home.server().orElseThrow(
        () -> new IllegalStateException("No server in " + home.folder()));
    SSLContext trust = s.pinCert() != null
        ? ServerTrust.pinned(ServerTrust.parseFingerprint(s.pinCert()))
        : s.ca() != null ? ServerTrust.fromCaFile(Path.of(s.ca())) : ServerTrust.systemDefault();
    PalermoHttp http = new PalermoHttp(URI.create(s.url()), trust);
    http.useToken(home.requireSession());
    return http;
  }

  private static int run(Options o) throws Exception {
    List<StateCode> codes = codes().subList(0, o.states());
    progress("starting the server (TestServer: embedded MariaDB, every rate limit raised,"
        + " metrics on)");
    RateLimitRule unlimited = new RateLimitRule(100_000_000, Duration.ofSeconds(1));
    TestServer server = TestServer.start(c -> {
      ServerConfig out = c.withMetricsEnabled(true);
      for (RateLimit limit : RateLimit.values()) {
        out = out.withRateLimit(limit, unlimited);
      }
      return out;
    }, Clock.systemUTC(), rc -> {});
    try {
      return bench(o, codes, server);
    } finally {
      server.close();
    }
  }

  private static int bench(Options o, List<StateCode> codes, TestServer server)
      throws Exception {
    Cli cli = new Cli(server);
    Metrics metrics = new Metrics(server);
    progress("server on %s", server.server().baseUri());

    // --- setup: accounts (palermo account register, Argon2id each), not timed -------------
    Operator operator = new Operator(cli, server, cli.register("op"));
    Cli.Person owner = cli.register("owner");
    progress("registering %d State accounts with 'palermo account register' (Argon2id each),"
        + " %d thread(s)", codes.size(), o.registerThreads());
    long r0 = System.nanoTime();
    Cli.Person[] states = new Cli.Person[codes.size()];
    AtomicInteger registered = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(o.registerThreads());
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < codes.size(); i++) {
        int index = i;
        jobs.add(pool.submit(() -> {
          states[index] = cli.register("st" + codes.get(index).alpha3().toLowerCase(Locale.ROOT));
          int n = registered.incrementAndGet();
          if (n % 20 == 0 || n == codes.size()) {
            progress("registered %d/%d", n, codes.size());
          }
          return null;
        }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double registerSeconds = (System.nanoTime() - r0) / 1e9;

    long u0 = System.nanoTime();
    IdentityKeys keys = new AccountClient(connect(new Home(owner.home())),
        new Home(owner.home())).unlock(Cli.PASSPHRASE.toCharArray());
    double unlockMs = (System.nanoTime() - u0) / 1e6;
    Client c = client(owner.home(), keys);

    AtomicInteger certified = new AtomicInteger();
    List<Double> certifyMs = new ArrayList<>();
    Certifier certify = count -> {
      for (int k = 0; k < count; k++) {
        int i = certified.getAndIncrement();
        long t = System.nanoTime();
        operator.certify(states[i], codes.get(i).alpha3());
        certifyMs.add((System.nanoTime() - t) / 1e6);
        if ((i + 1) % 20 == 0 || i + 1 == codes.size()) {
          progress("certified %d/%d State accounts ('palermo admin certify-state')", i + 1,
              codes.size());
        }
      }
    };

    // --- fulfilling: documents disclosed to the States certified then, more certified later --
    certify.certify(o.early());
    WorkspaceId grantsWs = WorkspaceId.parse(Cli.ok(cli.as(owner, "workspace", "create",
        "bench-grants")).line("workspace"));
    progress("workspace %s: putting %d documents (DocumentClient.put) and setting each to"
        + " States only (DisclosureClient.disclose: %d certified State(s) then)", grantsWs,
        o.grantDocuments(), certified.get());
    Path scratch = owner.home().getParent().resolve("bench-files");
    Files.createDirectories(scratch);
    SecureRandom random = new SecureRandom();
    long f0 = System.nanoTime();
    for (int i = 0; i < o.grantDocuments(); i++) {
      Path file = scratch.resolve(String.format(Locale.ROOT, "grants-%04d.bin", i));
      byte[] content = new byte[1024];
      random.nextBytes(content);
      Files.write(file, content);
      DocumentId doc = c.documents().put(grantsWs, file, Optional.empty(), List.of(), false,
          DisclosureLevel.CONFIDENTIAL, DocumentClient.Progress.NONE).document();
      c.disclosures().disclose(grantsWs, doc, DisclosureLevel.STATES_ONLY, List.of());
      if ((i + 1) % 50 == 0 || i + 1 == o.grantDocuments()) {
        progress("put and disclosed %d/%d", i + 1, o.grantDocuments());
      }
    }
    double fillSeconds = (System.nanoTime() - f0) / 1e9;
    int expected = o.grantDocuments() * o.lateStates();

    List<Round> rounds = new ArrayList<>();
    for (int r = 1; r <= o.fulfilRounds(); r++) {
      certify.certify(o.lateStates());
      progress("round %d: %d more State(s) certified: %d documents x %d = %d grants owed;"
          + " 'doc grants' (pending) then 'doc grants --fulfil' (fulfil), in process", r,
          o.lateStates(), o.grantDocuments(), o.lateStates(), expected);
      Metrics.Snapshot m0 = metrics.snapshot();
      long t0 = System.nanoTime();
      List<DisclosureClient.Owed> owed = c.disclosures().pending(grantsWs);
      long t1 = System.nanoTime();
      Metrics.Snapshot m1 = metrics.snapshot();
      List<DisclosureClient.Owed> sent = c.disclosures().fulfil(grantsWs);
      long t2 = System.nanoTime();
      Metrics.Snapshot m2 = metrics.snapshot();
      check(owed.size() == expected, "pending listed " + owed.size() + ", not " + expected);
      check(sent.size() == expected, "fulfil sent " + sent.size() + ", not " + expected);
      check(c.disclosures().pending(grantsWs).isEmpty(), "grants still owed after fulfil");
      long stored = grantsIn(cli, grantsWs, null);
      long want = (long) o.grantDocuments() * (o.early() + (long) r * o.lateStates());
      check(stored == want, "the server holds " + stored + " grants, not " + want);
      Round round = new Round(r, (t1 - t0) / 1e6, (t2 - t1) / 1e6, m0.minus(m1),
          m1.minus(m2));
      rounds.add(round);
      progress("round %d: pending %.0f ms, fulfil %.0f ms (%.0f grants/s); server holds %d"
          + " grants", r, round.pendingMs(), round.fulfilMs(),
          expected / (round.fulfilMs() / 1000), stored);
    }

    certify.certify(o.lateStates());
    progress("command-line round: %d more State(s) certified; 'palermo doc grants WS --fulfil'"
        + " in this JVM (unlock, full verification of the workspace's logs, fulfil)",
        o.lateStates());
    long cl0 = System.nanoTime();
    Cli.Run cliFulfil = Cli.ok(cli.as(owner, "doc", "grants", grantsWs.toString(), "--fulfil"));
    double cliFulfilMs = (System.nanoTime() - cl0) / 1e6;
    long granted = cliFulfil.out().lines().filter(l -> l.startsWith("granted: ")).count();
    check(granted == expected, "the command line granted " + granted + ", not " + expected);
    progress("command line: %.0f ms for %d grants", cliFulfilMs, granted);

    // --- disclosing one document to every State ---------------------------------------------
    check(certified.get() == codes.size(), "not every State is certified");
    WorkspaceId ws = WorkspaceId.parse(Cli.ok(cli.as(owner, "workspace", "create",
        "bench-disclosure")).line("workspace"));
    Path note = scratch.resolve("note.txt");
    Files.writeString(note, "Findings for the States Parties " + System.nanoTime() + "\n");
    DocumentId doc = c.documents().put(ws, note, Optional.of("note"), List.of(), false,
        DisclosureLevel.CONFIDENTIAL, DocumentClient.Progress.NONE).document();
    int inForce = c.states().fetch().registry().inForce(java.time.Instant.now()).size();
    check(inForce == codes.size(), inForce + " certificates in force, not " + codes.size());
    progress("workspace %s, document %s; %d State accounts certified (one per State)", ws, doc,
        inForce);

    progress("warm-up: one disclose at level states and one back to confidential");
    disclose(c, cli, ws, doc, DisclosureLevel.STATES_ONLY, codes.size());
    disclose(c, cli, ws, doc, DisclosureLevel.CONFIDENTIAL, 0);
    List<Run> statesRuns = new ArrayList<>();
    List<Run> confidentialRuns = new ArrayList<>();
    for (int i = 1; i <= o.runs(); i++) {
      Metrics.Snapshot m0 = metrics.snapshot();
      double ms = disclose(c, cli, ws, doc, DisclosureLevel.STATES_ONLY, codes.size());
      Metrics.Snapshot m1 = metrics.snapshot();
      double back = disclose(c, cli, ws, doc, DisclosureLevel.CONFIDENTIAL, 0);
      Metrics.Snapshot m2 = metrics.snapshot();
      statesRuns.add(new Run(ms, m0.minus(m1)));
      confidentialRuns.add(new Run(back, m1.minus(m2)));
      progress("run %d/%d: states %.0f ms (%d wraps, %.0f wraps/s), confidential %.0f ms", i,
          o.runs(), ms, codes.size(), codes.size() / (ms / 1000), back);
    }

    progress("the command line in this JVM: 'palermo doc disclose WS DOC --level states'");
    long cd0 = System.nanoTime();
    Cli.ok(cli.as(owner, "doc", "disclose", ws.toString(), doc.toString(), "--level", "states"));
    double cliDiscloseMs = (System.nanoTime() - cd0) / 1e6;
    check(grantsIn(cli, ws, doc) == codes.size(), "the command line's disclose did not grant"
        + " every State");

    // --- where the time goes: the same steps alone ------------------------------------------
    progress("the steps of a disclose alone, %d times each", o.runs());
    MembershipLog log = c.workspaces().log(ws);
    DocumentClient.Verified current = last(c.documents().versions(ws, doc));
    DocumentManifest m = current.manifest();
    SymmetricKey key = current.key().orElseThrow();
    List<StateRegistry.Entry> recipients = c.states().fetch().registry()
        .inForce(java.time.Instant.now());
    Runnable wrapAll = () -> {
      for (StateRegistry.Entry e : recipients) {
        Identity to = e.certificate().identity();
        KeyWrap.wrap(key, to.agreementKey(), WrapInfo.documentKey(ws, doc, m.version(),
            m.epoch(), to.account(), to.device()));
      }
    };
    for (int i = 0; i < 20; i++) {
      wrapAll.run();
    }
    Map<String, double[]> steps = new LinkedHashMap<>();
    double[] logMs = times(o.runs(), () -> c.workspaces().log(ws));
    steps.put("membership log: fetch, verify", logMs);
    // The public versions() fetches the log first: take that off (disclose fetches it once).
    double[] versionsMs = times(o.runs(), () -> c.documents().versions(ws, doc));
    steps.put("document versions: fetch, verify, open key", new double[] {
        Math.max(0, median(versionsMs) - median(logMs))});
    steps.put("State list: fetch, verify (" + (codes.size() + 1) + " entries)",
        times(o.runs(), () -> c.states().fetch()));
    // The same verification alone, as the server also runs it on each disclosure request.
    List<org.palermo.security.chain.ChainEntry> listed = new ArrayList<>();
    for (var e : c.http().get("api/v1/states/certificates").path("entries")) {
      listed.add(org.palermo.security.chain.ChainEntry.decode(
          java.util.Base64.getUrlDecoder().decode(e.asText())));
    }
    Runnable verifyList = () -> {
      try {
        StateRegistry.verify(listed, null);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    };
    for (int i = 0; i < 10; i++) {
      verifyList.run();
    }
    double[] verifyOnly = times(o.runs(), verifyList);
    steps.put("disclosure log: fetch, verify", times(o.runs(),
        () -> c.disclosures().fetch(ws, doc, log)));
    steps.put(codes.size() + " HPKE wraps (KeyWrap.wrap), warmed up",
        times(o.runs(), wrapAll::run));
    double wrapMs = median(steps.get(codes.size() + " HPKE wraps (KeyWrap.wrap), warmed up"));

    // --- figures ------------------------------------------------------------------------------
    PrintFigures p = new PrintFigures();
    p.line("");
    p.line("== Disclosing one document to %d States (one certified account each): "
        + "DisclosureClient.disclose in process, keys unlocked before", codes.size());
    double[] st = statesRuns.stream().mapToDouble(Run::ms).sorted().toArray();
    double[] cf = confidentialRuns.stream().mapToDouble(Run::ms).sorted().toArray();
    p.line("%-44s %10s %10s %10s", "", "median", "min", "max");
    p.line("%-44s %10.0f %10.0f %10.0f", "level states: total ms (" + codes.size() + " wraps)",
        median(st), st[0], st[st.length - 1]);
    p.line("%-44s %10.0f %10.0f %10.0f", "  wraps per second (" + codes.size() + " / total)",
        codes.size() / (median(st) / 1000), codes.size() / (st[st.length - 1] / 1000),
        codes.size() / (st[0] / 1000));
    p.line("%-44s %10.0f %10.0f %10.0f", "level confidential: total ms (no wraps)", median(cf),
        cf[0], cf[cf.length - 1]);
    p.line("runs: %d each, alternating; states runs (ms): %s", o.runs(), list(statesRuns));
    p.line("target: under 2 s for %d States: %s (median %.2f s)", codes.size(),
        median(st) < 2000 ? "MET" : "NOT MET", median(st) / 1000);
    p.line("");
    p.line("Where a states run goes (medians of %d; each step alone, same JVM):", o.runs());
    double stepSum = 0;
    for (Map.Entry<String, double[]> e : steps.entrySet()) {
      double med = median(e.getValue());
      stepSum += med;
      p.line("  %-64s %8.1f ms", e.getKey(), med);
    }
    p.line("  %-64s %8.1f ms", "(State list: StateRegistry.verify alone, warmed up)",
        median(verifyOnly));
    p.line("  %-64s %8.1f ms", "(one HPKE wrap)", wrapMs / codes.size());
    p.line("  %-64s %8.1f ms", "sum of the steps above", stepSum);
    p.line("  %-64s %8.1f ms", "the rest: POST of the change and grants, two audit appends",
        median(st) - stepSum);
    p.line("  pure wrapping is %.0f%% of the median states run; HTTP, verification and the"
        + " server the other %.0f%%", 100 * wrapMs / median(st), 100 - 100 * wrapMs / median(st));
    p.line("Server-side time per states run (its request timer, mean of %d runs), by route:",
        o.runs());
    p.routes(statesRuns.stream().map(Run::server).toList());
    p.line("Server-side time per confidential run, by route:");
    p.routes(confidentialRuns.stream().map(Run::server).toList());
    p.line("'palermo doc disclose WS DOC --level states' in this JVM (unlock, Argon2id included;"
        + " no JVM start): %.0f ms", cliDiscloseMs);
    p.line("");
    p.line("== Fulfilling %d pending grants: %d documents set to States only while %d States"
        + " were certified, then %d more certified (%d x %d)", expected, o.grantDocuments(),
        o.early(), o.lateStates(), o.grantDocuments(), o.lateStates());
    p.line("DisclosureClient.pending ('doc grants WS') and .fulfil ('doc grants WS --fulfil') in"
        + " process, keys unlocked before; the State list holds %d to %d certificates",
        o.early() + o.lateStates(), o.early() + o.lateStates() * o.fulfilRounds());
    p.line("%-8s %18s %14s %18s %14s", "round", "fulfil total ms", "grants/s",
        "pending list ms", "server ms");
    for (Round r : rounds) {
      p.line("%-8d %18.0f %14.0f %18.0f %14.0f", r.round(), r.fulfilMs(),
          expected / (r.fulfilMs() / 1000), r.pendingMs(), r.fulfilServer().totalMs());
    }
    double[] fm = rounds.stream().mapToDouble(Round::fulfilMs).sorted().toArray();
    p.line("%-8s %18.0f %14.0f", "median", median(fm), expected / (median(fm) / 1000));
    p.line("%-8s %18.0f %14.0f   (the whole command in this JVM: unlock, logs verified from"
        + " scratch, fulfil; no JVM start)", "CLI", cliFulfilMs, expected / (cliFulfilMs / 1000));
    double requests = rounds.stream().mapToDouble(r -> r.fulfilServer().requests()).average()
        .orElse(0);
    p.line("per document owing grants: %.1f ms and %.1f requests to the server (median round;"
        + " %d grants each)", median(fm) / o.grantDocuments(), requests / o.grantDocuments(),
        o.lateStates());
    p.line("Server-side time per fulfil round (mean of %d), by route:", rounds.size());
    p.routes(rounds.stream().map(Round::fulfilServer).toList());
    p.line("  %d wraps alone would take about %.0f ms at the rate measured above", expected,
        expected * wrapMs / codes.size());
    p.line("");
    p.line("== Setup (not measured)");
    double[] cm = certifyMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    p.line("registering %d State accounts: %.1f s (%d threads); certifying %d: %.1f s in all,"
        + " one 'admin certify-state' %.0f ms median, %.0f ms the last", codes.size(),
        registerSeconds, o.registerThreads(), certifyMs.size(),
        certifyMs.stream().mapToDouble(Double::doubleValue).sum() / 1000, median(cm),
        certifyMs.get(certifyMs.size() - 1));
    p.line("putting %d documents and setting each to States only (%d wraps each): %.1f s;"
        + " one Argon2id unlock of the owner: %.0f ms", o.grantDocuments(), o.early(),
        fillSeconds, unlockMs);
    p.line("total run: %.1f s", (System.nanoTime() - STARTED) / 1e9);
    return 0;
  }

  @FunctionalInterface
  private interface Certifier {
    void certify(int count);
  }

  /** One disclose, timed, then checked against the server's table of grants. */
  private static double disclose(Client c, Cli cli, WorkspaceId ws, DocumentId doc,
      DisclosureLevel level, int grants) {
    long t0 = System.nanoTime();
    DisclosureClient.Disclosed done = c.disclosures().disclose(ws, doc, level, List.of());
    double ms = (System.nanoTime() - t0) / 1e6;
    check(done.recipients().size() == grants, "disclose wrapped to "
        + done.recipients().size() + " accounts, not " + grants);
    long stored = grantsIn(cli, ws, doc);
    check(stored == grants, "the server holds " + stored + " grants, not " + grants);
    return ms;
  }

  private static long grantsIn(Cli cli, WorkspaceId ws, DocumentId doc) {
    HexFormat hex = HexFormat.of();
    List<String> n = doc == null
        ? cli.strings("SELECT COUNT(*) FROM state_grants WHERE workspace_id = ?",
            hex.parseHex(ws.toString()))
        : cli.strings("SELECT COUNT(*) FROM state_grants WHERE workspace_id = ?"
            + " AND document_id = ?", hex.parseHex(ws.toString()), hex.parseHex(doc.toString()));
    return Long.parseLong(n.get(0));
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static double[] times(int n, Runnable step) {
    step.run();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      step.run();
      out[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(out);
    return out;
  }

  private static double median(double[] sorted) {
    double[] s = sorted.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static String list(List<Run> runs) {
    StringBuilder b = new StringBuilder();
    for (Run r : runs) {
      b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", r.ms()));
    }
    return b.toString();
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }

  private record Run(double ms, Metrics.Snapshot server) {}

  private record Round(int round, double pendingMs, double fulfilMs, Metrics.Snapshot pending,
      Metrics.Snapshot fulfilServer) {}

  /** The figures, on standard output. */
  private static final class PrintFigures {
    void line(String format, Object... args) {
      System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Mean server time and requests per phase, by route, largest first. */
    void routes(List<Metrics.Snapshot> phases) {
      Map<String, double[]> sum = new TreeMap<>();
      for (Metrics.Snapshot s : phases) {
        s.routes().forEach((route, v) -> {
          double[] a = sum.computeIfAbsent(route, r -> new double[2]);
          a[0] += v[0];
          a[1] += v[1];
        });
      }
      int n = phases.size();
      double total = 0;
      double requests = 0;
      List<Map.Entry<String, double[]>> sorted = new ArrayList<>(sum.entrySet());
      sorted.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
      for (Map.Entry<String, double[]> e : sorted) {
        if (e.getValue()[1] == 0) {
          continue;
        }
        total += e.getValue()[0] / n;
        requests += e.getValue()[1] / n;
        line("  %-78s %6.0f req %9.1f ms", e.getKey(), e.getValue()[1] / n,
            e.getValue()[0] / n);
      }
      line("  %-78s %6.0f req %9.1f ms", "all", requests, total);
    }
  }

  /** The server's request timer ({@code /api/v1/metrics}), by method and route template. */
  private static final class Metrics {
    private final TestServer server;

    Metrics(TestServer server) {
      this.server = server;
    }

    /** Seconds and counts so far, by "METHOD route" (the metrics scrape itself left out). */
    record Snapshot(Map<String, double[]> routes) {
      /** What happened between this snapshot and {@code later}: [milliseconds, requests]. */
      Snapshot minus(Snapshot later) {
        Map<String, double[]> out = new TreeMap<>();
        later.routes().forEach((route, v) -> {
          double[] before = routes.getOrDefault(route, new double[2]);
          out.put(route, new double[] {(v[0] - before[0]) * 1000, v[1] - before[1]});
        });
        return new Snapshot(out);
      }

      double totalMs() {
        return routes.values().stream().mapToDouble(v -> v[0]).sum();
      }

      double requests() {
        return routes.values().stream().mapToDouble(v -> v[1]).sum();
      }
    }

    Snapshot snapshot() {
      var answer = server.get("api/v1/metrics");
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("GET /api/v1/metrics: " + answer.statusCode());
      }
      Map<String, double[]> routes = new TreeMap<>();
      for (String line : answer.body().split("\n")) {
        boolean sum = line.startsWith("palermo_http_requests_seconds_sum{");
        boolean count = line.startsWith("palermo_http_requests_seconds_count{");
        if (!sum && !count) {
          continue;
        }
        String labels = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
        Map<String, String> l = new LinkedHashMap<>();
        Matcher matcher = LABEL.matcher(labels);
        while (matcher.find()) {
          l.put(matcher.group(1), matcher.group(2));
        }
        String route = l.getOrDefault("method", "?") + " " + l.getOrDefault("route", "?");
        if (route.endsWith("/api/v1/metrics")) {
          continue;
        }
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        routes.computeIfAbsent(route, r -> new double[2])[sum ? 0 : 1] += value;
      }
      return new Snapshot(routes);
    }
  }
}
