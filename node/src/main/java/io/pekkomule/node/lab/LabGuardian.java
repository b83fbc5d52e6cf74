package io.pekkomule.node.lab;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeDeps;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.search.Publisher;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.routing.KadConstants;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.kad.wire.ShaperPort;
import io.pekkomule.node.shaper.Shaper;
import io.pekkomule.node.shaper.ShaperMetrics;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The lab's guardian: starts the nodes (the production {@link KadNode} behind the production
 * {@link Shaper} graph on virtual time, or a {@link LabShaper}, on the {@link LabNetwork}), carries out the plan (joins, churn, lookup pairs, progress lines)
 * on the system's timers, judges every lookup against the {@link Oracle}, and at the end asks
 * every node for its routing table.
 *
 * <p>Diagnostics (system properties): {@code pekko-mule.lab.histogram=true} prints a class
 * histogram at the end of the warm-up, {@code pekko-mule.lab.debug=true} one line per missed NODE
 * lookup (termination, requests, rank and age of the true closest), both on stderr.
 */
final class LabGuardian extends AbstractBehavior<LabGuardian.Command> {

  interface Command {}

  private record Join(boolean seed) implements Command {}

  private enum ChurnOne implements Command {
    INSTANCE
  }

  private enum WarmupOver implements Command {
    INSTANCE
  }

  private record StartPair(int pair) implements Command {}

  private record StartSecond(Pair pair) implements Command {}

  /** A client node's own activity (harness H8): one search, or sharing one more file. */
  private record ClientAct(LabNode node, boolean search) implements Command {}

  private record Finished(Run run, LookupOutcome outcome) implements Command {}

  private record SnapshotArrived(RoutingSnapshot snapshot) implements Command {}

  private record TableArrived(io.pekkomule.node.kad.routing.TableView table) implements Command {}

  private enum ProgressTick implements Command {
    INSTANCE
  }

  private enum End implements Command {
    INSTANCE
  }

  private enum EndTimeout implements Command {
    INSTANCE
  }

  /** A lookup starts on a node up for this long (less in runs with a shorter warm-up). */
  private static final Duration MIN_ORIGIN_AGE = Duration.ofMinutes(5);
  private static final int TRUTH = KadConstants.K;
  /**
   * Each node sends through the production {@link Shaper} stream graph (input queue, shaping
   * stage, sink) on the lab's virtual clock as its {@code ShaperClock}; {@code
   * -Dpekko-mule.lab.shaper=core} uses the {@link LabShaper} actor around the same {@code
   * ShaperCore} policy instead (about 10 % less CPU, same figures).
   */
  private static final boolean GRAPH_SHAPER =
      !"core".equals(System.getProperty("pekko-mule.lab.shaper"));

  static final class LabNode {
    final KadIdentity identity;
    final ActorRef<KadNode.Command> node;
    /** Stops the node's shaper (the {@link LabShaper} actor, or the real graph's input). */
    final Runnable shaper;
    final long joinedNanos;
    final boolean seed;
    /** Harness H8: a client-heavy node (shares and searches), else a pure router. */
    boolean client;
    boolean busy;

    LabNode(KadIdentity identity, ActorRef<KadNode.Command> node,
        Runnable shaper, long joinedNanos, boolean seed) {
      this.identity = identity;
      this.node = node;
      this.shaper = shaper;
      this.joinedNanos = joinedNanos;
      this.seed = seed;
    }

    KadId id() {
      return identity.id();
    }
  }

  private static final class Pair {
    final LabNode origin;
    final KadId target;
    final LookupType type;
    final boolean oursFirst;

    Pair(LabNode origin, KadId target, LookupType type, boolean oursFirst) {
      this.origin = origin;
      this.target = target;
      this.type = type;
      this.oursFirst = oursFirst;
    }
  }

  private record Run(Pair pair, boolean ours, List<KadId> truth, long startNanos) {}

  private final LabParams params;
  private final LabNetwork network;
  private final ShaperSettings shaperSettings;
  private final ShaperMetrics shaperMetrics;
  private final KadMetrics kadMetrics;
  private final InstantSource clock;
  private final LongSupplier nanos;
  private final LabLedger ledger;
  private final java.util.function.Consumer<String> out;
  private final CompletableFuture<LabLedger> done;
  private final TimerScheduler<Command> timers;
  private final SplittableRandom random;
  private final long wallStart = System.nanoTime();
  private final long minOriginAge;

  private final Map<KadId, LabNode> alive = new LinkedHashMap<>();
  /** When each stopped node stopped: liveness is judged as of a lookup's start. */
  private final Map<KadId, Long> stoppedAt = new HashMap<>();
  private final List<LabNode> seeds = new ArrayList<>();
  private final Set<Integer> usedHashes = new HashSet<>();
  private final ActorRef<RoutingSnapshot> snapshots;
  private final ActorRef<io.pekkomule.node.kad.routing.TableView> tables;
  private int serial;
  private int joinsLeft;
  private int lookupsOut;
  private int samplesDone;
  private double nodeNanos;
  private long lastAccount;
  private boolean ending;
  private int snapshotsExpected;
  private final Map<KadId, RoutingSnapshot> endSnapshots = new HashMap<>();
  private final LabWatch watch;
  private int progressReplies;
  private long progressContacts;
  private long progressVerified;

  static Behavior<Command> create(LabParams params, LabNetwork network,
      ShaperSettings shaperSettings, InstantSource clock, LongSupplier nanos, LabLedger ledger,
      java.util.function.Consumer<String> out, CompletableFuture<LabLedger> done) {
    return create(params, network, shaperSettings, clock, nanos, ledger, out, done, null);
  }

  /** @param watch told what happens, for a dashboard; null for none */
  static Behavior<Command> create(LabParams params, LabNetwork network,
      ShaperSettings shaperSettings, InstantSource clock, LongSupplier nanos, LabLedger ledger,
      java.util.function.Consumer<String> out, CompletableFuture<LabLedger> done,
      LabWatch watch) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new LabGuardian(ctx, timers,
        params, network, shaperSettings, clock, nanos, ledger, out, done, watch)));
  }

  private LabGuardian(ActorContext<Command> ctx, TimerScheduler<Command> timers, LabParams params,
      LabNetwork network, ShaperSettings shaperSettings, InstantSource clock, LongSupplier nanos,
      LabLedger ledger, java.util.function.Consumer<String> out,
      CompletableFuture<LabLedger> done, LabWatch watch) {
    super(ctx);
    this.watch = watch;
    this.timers = timers;
    this.params = params;
    this.network = network;
    this.shaperSettings = shaperSettings;
    // one set of shaper meters for the whole lab; per-node gauges would only collide
    io.micrometer.core.instrument.MeterRegistry registry;
    if (watch != null) {
      registry = watch.registry(); // its owner denies gauges
    } else {
      registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(
          id -> id.getType() == io.micrometer.core.instrument.Meter.Type.GAUGE));
    }
    this.shaperMetrics = new ShaperMetrics(registry);
    this.kadMetrics = watch != null ? new KadMetrics(registry) : KadMetrics.inMemory();
    if (watch != null) {
      watch.started(params, network, shaperSettings, nanos);
    }
    this.clock = clock;
    this.nanos = nanos;
    this.ledger = ledger;
    this.out = out;
    this.done = done;
    this.random = new SplittableRandom(params.seed());
    this.snapshots = ctx.messageAdapter(RoutingSnapshot.class, SnapshotArrived::new);
    this.tables = ctx.messageAdapter(io.pekkomule.node.kad.routing.TableView.class,
        TableArrived::new);
    this.lastAccount = nanos.getAsLong();
    this.minOriginAge = Math.min(MIN_ORIGIN_AGE.toNanos(), params.warmup().toNanos() / 2);
    ledger.heapBaselineBytes = usedHeapAfterGc();
    plan();
    // the publish/search workload (issue 5) draws from its own stream, so the lookup workload
    // above stays as it was; virtual time only (it shares this actor's view of the nodes)
    this.recorder = params.participation().roles() ? new ParticipationRecorder(
        params.warmup().toNanos(), params.participation().window().toNanos()) : null;
    this.roles = new SplittableRandom(params.seed() ^ 0x48_0001L);
    this.reqRanks = params.virtual() && GRAPH_SHAPER
        ? new ReqRankRecorder(params.warmup().toNanos()) : null;
    this.workload = params.virtual() && recorder == null ? new LabSearchWorkload(ctx, alive,
        new SplittableRandom(params.seed() ^ 0x5EA4C4L), nanos, minOriginAge, ledger) : null;
    if (workload != null) {
      workload.plan(params);
    }
  }

  private final LabSearchWorkload workload;
  /**
   * The exploration harness's observer: the receiver's rank of every search/store REQ after the
   * warm-up (virtual time with the production shaper graph only).
   */
  private final ReqRankRecorder reqRanks;
  /** Harness H8's observer of every node's outbound datagrams; null without roles. */
  private final ParticipationRecorder recorder;
  /** Roles and the clients' own activity draw from their own stream. */
  private final SplittableRandom roles;
  private final List<KadId> sharedFiles = new ArrayList<>();
  private int nonSeedsSoFar;
  private int clientsSoFar;
  private final List<String> sharedWords = new ArrayList<>();

  private void plan() {
    for (int i = 0; i < params.seedNodes(); i++) {
      ctx().scheduleOnce(Duration.ofMillis(100L * i), self(), new Join(true));
    }
    joinsLeft = params.nodes() - params.seedNodes();
    for (int i = 0; i < joinsLeft; i++) {
      Duration at = Duration.ofSeconds(10).plusNanos(
          (long) (random.nextDouble() * params.joinWindow().toNanos()));
      ctx().scheduleOnce(at, self(), new Join(false));
    }
    ctx().scheduleOnce(params.warmup(), self(), WarmupOver.INSTANCE);
    Duration workload = params.duration().minus(params.warmup()).minus(params.pairGap())
        .minusMinutes(3);
    for (int i = 0; i < params.pairs(); i++) {
      Duration at = params.warmup().plusNanos((long) (workload.toNanos() * (i + random.nextDouble())
          / params.pairs()));
      ctx().scheduleOnce(at, self(), new StartPair(i));
    }
    int churn = (int) Math.round(params.churn() * params.nodes());
    Duration churnSpan = params.duration().minus(params.warmup()).minusMinutes(5);
    for (int i = 0; i < churn; i++) {
      Duration at = params.warmup().plusNanos((long) (churnSpan.toNanos() * (i + random.nextDouble())
          / churn));
      ctx().scheduleOnce(at, self(), ChurnOne.INSTANCE);
    }
    timers.startSingleTimer(ProgressTick.INSTANCE, params.progressEvery());
    ctx().scheduleOnce(params.duration(), self(), End.INSTANCE);
  }

  private ActorContext<Command> ctx() {
    return getContext();
  }

  private ActorRef<Command> self() {
    return getContext().getSelf();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, j -> {
          spawnNode(j.seed());
          return this;
        })
        .onMessageEquals(ChurnOne.INSTANCE, this::onChurn)
        .onMessageEquals(WarmupOver.INSTANCE, this::onWarmupOver)
        .onMessage(StartPair.class, this::onStartPair)
        .onMessage(StartSecond.class, s -> {
          startRun(s.pair(), !s.pair().oursFirst);
          return this;
        })
        .onMessage(Finished.class, this::onFinished)
        .onMessage(ClientAct.class, this::onClientAct)
        .onMessage(LabSearchWorkload.Msg.class, m -> {
          workload.on(m);
          return this;
        })
        .onMessage(SnapshotArrived.class, this::onSnapshot)
        .onMessage(TableArrived.class, t -> {
          watch.table(t.table());
          return this;
        })
        .onMessageEquals(ProgressTick.INSTANCE, this::onProgress)
        .onMessageEquals(End.INSTANCE, this::onEnd)
        .onMessageEquals(EndTimeout.INSTANCE, this::finish)
        .build();
  }

  // ------------------------------------------------------------------ nodes

  private void account() {
    long now = nanos.getAsLong();
    nodeNanos += (double) (now - lastAccount) * alive.size();
    lastAccount = now;
  }

  private I2pDestination newDestination() {
    byte[] b = new byte[I2pDestination.BYTES];
    int hash;
    do {
      random.nextBytes(b);
      hash = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    } while (hash == 0 || !usedHashes.add(hash));
    b[384] = 0;
    b[385] = 0;
    b[386] = 0;
    return I2pDestination.of(b);
  }

  private LabNode spawnNode(boolean seed) {
    account();
    KadId id;
    do {
      id = KadId.random(random);
    } while (id.isZero() || alive.containsKey(id));
    I2pDestination udp = newDestination();
    KadIdentity identity = new KadIdentity(id, udp, udp, random.nextInt(), 8);
    Endpoint endpoint = identity.endpoint();
    int n = ++serial;
    ShaperPort port;
    Runnable stopShaper;
    if (GRAPH_SHAPER) {
      // the production graph (Source.queue -> ShapingStage -> sink) on the lab's virtual clock
      LabNetwork.Transport sizes = network.transport(endpoint); // per-opcode size statistics
      Shaper graph = Shaper.builder(ctx().getSystem(), shaperSettings, network.outbound(endpoint))
          .seed(random.nextLong()).metrics(shaperMetrics).clock(nanos::getAsLong)
          .probe(e -> {
            sizes.transmitted(e.intent().opcode(), e.intent().datagram().length);
            if (recorder != null) {
              recorder.sent(endpoint, e.intent().destination(), e.intent().opcode(),
                  e.intent().datagram(), e.intent().origin(), nanos.getAsLong());
            }
            if (reqRanks != null) {
              reqRanks.sent(endpoint, e.intent().destination(), e.intent().opcode(),
                  e.intent().datagram(), nanos.getAsLong(), alive.keySet());
            }
          })
          .start();
      port = graph.input()::offer;
      stopShaper = graph::stop;
    } else {
      ActorRef<LabShaper.Command> shaper = ctx().spawn(LabShaper.create(shaperSettings,
          random.nextLong(), shaperMetrics, nanos, network.transport(endpoint)), "shaper-" + n);
      port = LabShaper.port(shaper);
      stopShaper = () -> ctx().stop(shaper);
    }
    List<FileContact> bootstrap = new ArrayList<>();
    for (LabNode s : seeds) {
      bootstrap.add(new FileContact(s.identity.kad2Contact(), 0, 0, false));
    }
    KadNodeDeps deps = new KadNodeDeps(port, clock, random.nextLong(),
        kadMetrics, bootstrap, true);
    KadNodeSettings settings = KadNodeSettings.defaults(identity).withLookups(params.ours());
    // a lab run lasts minutes: a shared file's first publish goes out within 5-30 s, not 15 min
    settings = settings.withPublishing(settings.publishing().withSchedule(settings.publishing()
        .schedule().withFirstWindow(Duration.ofSeconds(5), Duration.ofSeconds(30))));
    if (params.imuleDataLookups()
        || "imule".equals(System.getProperty("pekko-mule.lab.data-lookups"))) {
      // lab-only reference: searches and publishes paced exactly as iMule's serial search
      Publisher.Settings pub = settings.publishing();
      settings = settings.withLookups(LookupConfig.IMULE).withPublishing(new Publisher.Settings(
          pub.schedule(), LookupConfig.IMULE.withRequestCount(pub.lookups().requestCount()),
          pub.maxRunning(), pub.cover()));
    }
    if (params.participation().cover()) {
      settings = settings.withPublishing(settings.publishing()
          .withCover(params.participation().coverConfig()));
    }
    ActorRef<KadNode.Command> node = ctx().spawn(KadNode.create(settings, deps), "node-" + n);
    network.attach(endpoint, node);
    LabNode ln = new LabNode(identity, node, stopShaper, nanos.getAsLong(), seed);
    alive.put(id, ln);
    if (reqRanks != null) {
      reqRanks.joined(identity);
    }
    if (recorder != null) {
      // exact shares: every node joins at a random time, so alternating is a random split
      boolean first = !seed && (clientsSoFar + 1) <= params.participation().clientShare()
          * (nonSeedsSoFar + 1) + 1e-9;
      if (!seed) {
        nonSeedsSoFar++;
        clientsSoFar += first ? 1 : 0;
      }
      ln.client = !seed && (first != params.participation().swapRoles());
      recorder.joined(identity, ln.client, seed, ln.joinedNanos);
      if (ln.client) {
        planClient(ln);
      }
    }
    if (watch != null) {
      watch.joined(identity, node, seed, ln.joinedNanos);
    }
    if (seed) {
      seeds.add(ln);
    }
    return ln;
  }

  private Behavior<Command> onChurn() {
    List<LabNode> candidates = new ArrayList<>();
    for (LabNode n : alive.values()) {
      if (!n.seed && !n.busy) {
        candidates.add(n);
      }
    }
    if (candidates.isEmpty()) {
      return this;
    }
    account();
    LabNode victim = candidates.get(random.nextInt(candidates.size()));
    network.detach(victim.identity.endpoint());
    ctx().stop(victim.node);
    victim.shaper.run();
    alive.remove(victim.id());
    if (recorder != null) {
      recorder.left(victim.identity.endpoint(), nanos.getAsLong());
    }
    if (watch != null) {
      watch.left(victim.id());
    }
    stoppedAt.put(victim.id(), nanos.getAsLong());
    ledger.churned++;
    spawnNode(false);
    return this;
  }

  private Behavior<Command> onWarmupOver() {
    network.warmupOver();
    ledger.heapWarmBytes = usedHeapAfterGc();
    ledger.nodesAtWarm = alive.size();
    if (Boolean.getBoolean("pekko-mule.lab.histogram")) {
      try {
        Object h = ManagementFactory.getPlatformMBeanServer().invoke(
            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
            "gcClassHistogram", new Object[] {new String[0]},
            new String[] {String[].class.getName()});
        String[] lines = String.valueOf(h).split("\n");
        for (int i = 0; i < Math.min(Integer.getInteger("pekko-mule.lab.histogram.lines", 45), lines.length); i++) {
          System.err.println(lines[i]);
        }
      } catch (Exception e) {
        System.err.println("no histogram: " + e);
      }
    }
    return this;
  }

  // ------------------------------------------------------------------ H8 clients

  /**
   * A client's own activity from a minute after it joined to the end: its files shared at
   * uniform times (each first publish, then its staggered republishing, as a long-running
   * client's steady publishing), and searches with exponential gaps.
   */
  private void planClient(LabNode n) {
    LabParams.Participation p = params.participation();
    // from a minute after joining: by the end of the warm-up a client has a history, as a node
    // that has been in use for a while
    long from = Duration.ofMinutes(1).toNanos();
    long span = params.duration().toNanos() - nanos.getAsLong() - from;
    for (int i = 0; i < p.filesPerClient(); i++) {
      ctx().scheduleOnce(Duration.ofNanos(from + (long) (roles.nextDouble() * span)), self(),
          new ClientAct(n, false));
    }
    if (p.searchesPerHour() > 0) {
      ctx().scheduleOnce(Duration.ofNanos(from + searchGap()), self(), new ClientAct(n, true));
    }
  }

  private long searchGap() {
    double mean = 3.6e12 / params.participation().searchesPerHour();
    return (long) (-Math.log(1 - roles.nextDouble()) * mean);
  }

  private String word() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 6 + roles.nextInt(4); i++) {
      b.append((char) ('a' + roles.nextInt(26)));
    }
    return b.toString();
  }

  private Behavior<Command> onClientAct(ClientAct a) {
    LabNode n = a.node();
    if (!alive.containsKey(n.id())) {
      return this;
    }
    if (!a.search()) {
      String w1 = word();
      String w2 = word();
      KadId file = KadId.random(roles);
      n.node.tell(new KadNode.Share(io.pekkomule.node.kad.search.SharedFile.complete(file,
          w1 + " " + w2 + ".avi", 1 + roles.nextLong(1L << 32))));
      sharedFiles.add(file);
      sharedWords.add(w1);
      return this;
    }
    io.pekkomule.node.kad.search.SearchRequest r;
    if (!sharedFiles.isEmpty() && roles.nextDouble() < 0.4) {
      int i = roles.nextInt(sharedFiles.size());
      r = io.pekkomule.node.kad.search.SearchRequest.sources(sharedFiles.get(i), 1);
    } else {
      r = io.pekkomule.node.kad.search.SearchRequest.keyword(sharedWords.isEmpty()
          || roles.nextBoolean() ? word() : sharedWords.get(roles.nextInt(sharedWords.size())));
    }
    n.node.tell(new KadNode.Search(r, ctx().getSystem().ignoreRef()));
    ctx().scheduleOnce(Duration.ofNanos(searchGap()), self(), new ClientAct(n, true));
    return this;
  }

  // ------------------------------------------------------------------ lookups

  private Behavior<Command> onStartPair(StartPair s) {
    long now = nanos.getAsLong();
    List<LabNode> origins = new ArrayList<>();
    for (LabNode n : alive.values()) {
      if (!n.busy && now - n.joinedNanos >= minOriginAge) {
        origins.add(n);
      }
    }
    if (origins.isEmpty()) {
      return this;
    }
    LabNode origin = origins.get(random.nextInt(origins.size()));
    origin.busy = true;
    LookupType type = random.nextDouble() < params.nodeCompleteShare() ? LookupType.NODECOMPLETE
        : LookupType.NODE;
    Pair p = new Pair(origin, KadId.random(random), type, random.nextBoolean());
    startRun(p, p.oursFirst);
    ctx().scheduleOnce(params.pairGap(), self(), new StartSecond(p));
    return this;
  }

  private void startRun(Pair p, boolean ours) {
    if (!alive.containsKey(p.origin.id())) {
      return;
    }
    List<KadId> truth = Oracle.closest(alive.keySet(), p.target, TRUTH, p.origin.id());
    Run run = new Run(p, ours, truth, nanos.getAsLong());
    ActorRef<LookupOutcome> reply = ctx().spawnAnonymous(Behaviors.receive(LookupOutcome.class)
        .onMessage(LookupOutcome.class, o -> {
          self().tell(new Finished(run, o));
          return Behaviors.stopped();
        })
        .build());
    LookupConfig config = ours ? params.ours() : params.reference();
    p.origin.node.tell(new KadNode.StartLookup(new LookupActor.Spec(p.type, p.target, config,
        UrgencyClass.INTERACTIVE, Origin.LOOKUP), reply));
    lookupsOut++;
  }

  private Behavior<Command> onFinished(Finished f) {
    lookupsOut--;
    Run r = f.run();
    LookupOutcome o = f.outcome();
    boolean second = r.ours() != r.pair().oursFirst;
    if (second) {
      r.pair().origin.busy = false;
    }
    boolean success;
    int found;
    if (r.pair().type == LookupType.NODE) {
      // what the lookup found: its closest contact that is alive (a stale entry ahead of it
      // is what any client discovers on first contact; the stale share is reported apart)
      KadId closest = null;
      for (KadContact c : o.closestKnown()) {
        if (aliveAt(c.id(), r.startNanos())) {
          closest = c.id();
          break;
        }
      }
      success = closest != null && !r.truth().isEmpty() && closest.equals(r.truth().get(0));
      found = success ? 1 : 0;
      if (!success && Boolean.getBoolean("pekko-mule.lab.debug")) {
        int rank = -1;
        for (int i = 0; i < o.closestKnown().size(); i++) {
          if (o.closestKnown().get(i).id().equals(r.truth().get(0))) {
            rank = i;
          }
        }
        LabNode t0 = alive.get(r.truth().get(0));
        System.err.printf("miss ours=%s first=%s term=%s req=%d res=%d rankOfTruth=%d "
                + "truthAge=%ds known=%d alive=%s%n", r.ours(), r.ours() == r.pair().oursFirst,
            o.termination(), o.requests(), o.results(), rank,
            t0 == null ? -1 : (nanos.getAsLong() - t0.joinedNanos) / 1_000_000_000L,
            o.closestKnown().size(), o.closestKnown().stream().limit(4)
                .map(c -> aliveAt(c.id(), r.startNanos()) ? "A" : "D").toList());
      }
    } else {
      Set<KadId> truth = new HashSet<>(r.truth());
      found = 0;
      for (KadContact c : o.completedPeers()) {
        if (truth.contains(c.id())) {
          found++;
        }
      }
      success = found >= TRUTH - 1;
    }
    ledger.add(new LabLedger.Sample(r.pair().type, r.ours(), success, o.requests(),
        o.durationMillis() / 1000.0, found));
    samplesDone++;
    return this;
  }

  private boolean aliveAt(KadId id, long atNanos) {
    if (alive.containsKey(id)) {
      return true;
    }
    Long stopped = stoppedAt.get(id);
    return stopped != null && stopped >= atNanos;
  }

  // ------------------------------------------------------------------ progress and end

  private Behavior<Command> onProgress() {
    long now = nanos.getAsLong();
    String table = progressReplies == 0 ? "-" : String.format(Locale.ROOT,
        "%.1f", (double) progressContacts / progressReplies);
    String verified = progressReplies == 0 ? "-" : String.format(Locale.ROOT,
        "%.1f", (double) progressVerified / progressReplies);
    out.accept(String.format(Locale.ROOT, "lab t=%s nodes=%d/%d contacts_avg=%s verified_avg=%s "
            + "datagrams=%d lookups=%d wall_s=%.1f",
        minutes(now), alive.size(), params.nodes(), table, verified, network.sent(),
        samplesDone, (System.nanoTime() - wallStart) / 1e9));
    if (watch != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("t_s", now / 1_000_000_000L);
      p.put("nodes", alive.size());
      p.put("contacts_avg", progressReplies == 0 ? Double.NaN
          : (double) progressContacts / progressReplies);
      p.put("verified_avg", progressReplies == 0 ? Double.NaN
          : (double) progressVerified / progressReplies);
      p.put("datagrams", network.sent());
      p.put("lookups", samplesDone);
      p.put("wall_s", (System.nanoTime() - wallStart) / 1e9);
      watch.progress(p);
    }
    progressReplies = 0;
    progressContacts = 0;
    progressVerified = 0;
    if (!ending) {
      askViewedTable();
      for (LabNode n : alive.values()) {
        n.node.tell(new KadNode.GetRouting(snapshots));
      }
    }
    Duration next = now < params.warmup().toNanos() ? params.progressEvery()
        : params.progressEvery().multipliedBy(5);
    timers.startSingleTimer(ProgressTick.INSTANCE, next);
    return this;
  }

  private static String minutes(long nanos) {
    long s = nanos / 1_000_000_000L;
    return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  /** The dashboard's node (the first seed) reports its table to the watch. */
  private void askViewedTable() {
    if (watch != null && !seeds.isEmpty() && alive.containsKey(seeds.get(0).id())) {
      seeds.get(0).node.tell(new KadNode.GetTable(tables));
    }
  }

  private Behavior<Command> onSnapshot(SnapshotArrived a) {
    RoutingSnapshot s = a.snapshot();
    if (watch != null) {
      watch.snapshot(s);
    }
    if (ending) {
      endSnapshots.put(s.own(), s);
      if (endSnapshots.size() >= snapshotsExpected) {
        return finish();
      }
      return this;
    }
    progressReplies++;
    progressContacts += s.size();
    progressVerified += s.verified();
    return this;
  }

  private Behavior<Command> onEnd() {
    account();
    ending = true;
    snapshotsExpected = alive.size();
    askViewedTable();
    for (LabNode n : alive.values()) {
      n.node.tell(new KadNode.GetRouting(snapshots));
    }
    timers.startSingleTimer(EndTimeout.INSTANCE, Duration.ofSeconds(30));
    return this;
  }

  private Behavior<Command> finish() {
    if (done.isDone()) {
      return this;
    }
    timers.cancelAll();
    Set<KadId> ids = alive.keySet();
    int know = 0;
    long entries = 0;
    long stale = 0;
    for (RoutingSnapshot s : endSnapshots.values()) {
      Set<KadId> table = new HashSet<>(s.contactIds());
      if (table.containsAll(Oracle.closest(ids, s.own(), TRUTH, s.own()))) {
        know++;
      }
      entries += s.contactIds().size();
      for (KadId c : s.contactIds()) {
        if (!ids.contains(c)) {
          stale++;
        }
      }
    }
    ledger.knowAllK = know;
    ledger.judgedNodes = endSnapshots.size();
    ledger.tableEntries = entries;
    ledger.staleEntries = stale;
    ledger.lookupsLost = lookupsOut;
    ledger.simulatedNanos = nanos.getAsLong();
    ledger.sentDatagrams = network.sent();
    ledger.datagramSizes = network.sizes();
    ledger.steadyDatagramSizes = network.steadySizes();
    if (Boolean.getBoolean("pekko-mule.lab.sizes")) {
      System.err.print(network.sizesByOpcode());
    }
    ledger.nodeHours = nodeNanos / 3.6e12;
    if (reqRanks != null) {
      ledger.reqRanks = reqRanks.reqs();
      ledger.undecodedReqs += reqRanks.undecoded();
    }
    if (recorder != null) {
      ledger.participation = recorder.samples(nanos.getAsLong());
      ledger.undecodedReqs += recorder.undecoded();
    }
    done.complete(ledger);
    if (watch != null && watch.keepNodes() && !params.virtual()) {
      // the nodes keep running (on real time) for the management API; the plan is over
      return Behaviors.ignore();
    }
    return Behaviors.stopped();
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
