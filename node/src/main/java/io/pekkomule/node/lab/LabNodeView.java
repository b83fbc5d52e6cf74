package io.pekkomule.node.lab;

import io.pekkomule.node.api.ApiEvent;
import io.pekkomule.node.api.ApiEvents;
import io.pekkomule.node.api.ApiException;
import io.pekkomule.node.api.ContactView;
import io.pekkomule.node.api.IdentityView;
import io.pekkomule.node.api.LabStatus;
import io.pekkomule.node.api.LookupDetail;
import io.pekkomule.node.api.LookupKind;
import io.pekkomule.node.api.LookupRequest;
import io.pekkomule.node.api.LookupView;
import io.pekkomule.node.api.NodeControl;
import io.pekkomule.node.api.NodeView;
import io.pekkomule.node.api.PublishRequest;
import io.pekkomule.node.api.RoutingView;
import io.pekkomule.node.api.TransportView;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.node.kad.routing.RoutingContact;
import io.pekkomule.node.kad.routing.TableView;
import io.pekkomule.node.kad.routing.ZoneView;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The management API over a lab: {@link NodeView} and {@link NodeControl} of one lab node (the
 * first seed) plus {@code /api/v1/lab} with the whole lab's figures. It asks the lab node's actors
 * from the management server's actor system; once the lab's nodes stopped it answers from the last
 * routing table it saw and refuses new lookups (503). Only node lookups run in a lab; searches and
 * publications answer 503.
 *
 * <p>While the nodes run, the viewed node's table is read every {@code poll} and differences are
 * published as {@code contact_changed} events; lookups started here publish {@code
 * lookup_progressed} when they start and when they end.
 */
public final class LabNodeView implements NodeView, NodeControl, AutoCloseable {
  /** Lookups this view remembers (running and finished). */
  static final int MAX_LOOKUPS = 64;
  /** Lookups running at once from the API. */
  static final int MAX_RUNNING = 8;
  private static final Duration TABLE_TIMEOUT = Duration.ofSeconds(3);

  private final LabWatch watch;
  private final ActorSystem<?> system;
  private final ApiEvents events;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<String, LookupDetail> lookups = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Cancellable poller;
  private volatile TableView lastTable;
  private Map<KadId, ContactState> lastStates = Map.of();

  /**
   * @param system the management server's system (asks and the poll timer run on it)
   * @param poll how often the viewed node's table is read for contact events
   */
  public LabNodeView(LabWatch watch, ActorSystem<?> system, ApiEvents events, Duration poll) {
    this.watch = watch;
    this.system = system;
    this.events = events;
    this.poller = system.scheduler().scheduleWithFixedDelay(poll, poll, this::poll,
        system.executionContext());
  }

  private LabWatch.Viewed viewed() {
    LabWatch.Viewed v = watch.viewed();
    if (v == null) {
      throw new IllegalStateException("the lab's first node has not joined yet (wait for ready())");
    }
    return v;
  }

  // ------------------------------------------------------------------ NodeView

  @Override
  public IdentityView identity() {
    LabWatch.Viewed v = viewed();
    return new IdentityView(v.identity().id(), v.identity().udpDest().toB32());
  }

  @Override
  public Instant startedAt() {
    return viewed().joinedAt();
  }

  @Override
  public CompletionStage<TransportView> transport() {
    boolean up = watch.nodesRunning();
    return CompletableFuture.completedFuture(new TransportView("in-memory", up, up
        ? "lab network, " + watch.alive() + " nodes"
        : "lab network stopped (the lab's nodes ended with the run)"));
  }

  @Override
  public CompletionStage<RoutingView> routing() {
    return table().thenApply(t -> t == null ? RoutingView.empty() : RoutingView.of(t));
  }

  /** The viewed node's table now, or the last one seen once the nodes stopped. */
  private CompletionStage<TableView> table() {
    if (!watch.nodesRunning()) {
      return CompletableFuture.completedFuture(last());
    }
    return AskPattern.<KadNode.Command, TableView>ask(viewed().node(), KadNode.GetTable::new,
            TABLE_TIMEOUT, system.scheduler())
        .handle((t, e) -> {
          if (e == null) {
            lastTable = t;
            return t;
          }
          if (!watch.nodesRunning()) {
            return last();
          }
          throw ApiException.unavailable("the lab node did not answer within "
              + TABLE_TIMEOUT.toMillis() + "ms");
        });
  }

  /** The later of the tables this view and the lab's guardian saw last. */
  private TableView last() {
    TableView mine = lastTable;
    TableView lab = watch.lastTable();
    if (mine == null) {
      return lab;
    }
    return lab == null || lab.atMillis() < mine.atMillis() ? mine : lab;
  }

  @Override
  public CompletionStage<List<LookupView>> lookups() {
    List<LookupView> all = new ArrayList<>();
    synchronized (lookups) {
      lookups.values().forEach(d -> all.add(d.lookup()));
    }
    Collections.reverse(all);
    return CompletableFuture.completedFuture(all);
  }

  @Override
  public CompletionStage<Optional<LookupDetail>> lookup(String id) {
    return CompletableFuture.completedFuture(Optional.ofNullable(lookups.get(id)));
  }

  @Override
  public Optional<ShaperSettings> shaperSettings() {
    return Optional.ofNullable(watch.shaperSettings());
  }

  @Override
  public Source<ApiEvent, NotUsed> events() {
    return events.source();
  }

  @Override
  public CompletionStage<Optional<LabStatus>> lab() {
    LabParams p = watch.params();
    Map<String, Object> params = new LinkedHashMap<>();
    if (p != null) {
      params.put("nodes", p.nodes());
      params.put("virtual", p.virtual());
      params.put("duration_s", p.duration().toSeconds());
      params.put("warmup_s", p.warmup().toSeconds());
      params.put("churn", p.churn());
      params.put("loss", p.loss());
      params.put("pairs", p.pairs());
      params.put("seed", p.seed());
    }
    long now = watch.nowNanos();
    List<LabStatus.Peer> peers = new ArrayList<>();
    for (LabWatch.Peer x : watch.peers()) {
      peers.add(new LabStatus.Peer(x.id(), x.seed(),
          Math.max(0, now - x.joinedNanos()) / 1_000_000_000L, x.contacts(), x.verified()));
    }
    LabNetwork n = watch.network();
    LabStatus.Network net = n == null ? new LabStatus.Network(0, 0, 0, 0)
        : new LabStatus.Network(n.sent(), n.delivered(), n.lost(), n.unreachable());
    LabReport r = watch.report();
    LabWatch.Viewed v = watch.viewed();
    return CompletableFuture.completedFuture(Optional.of(new LabStatus(
        r == null ? "running" : "finished", p != null && p.virtual(), watch.startedAt(), params,
        watch.lastProgress(), r == null ? null : r.figures(), net,
        v == null ? null : v.identity().id(), peers)));
  }

  /**
   * Any lab node's table: the viewed node's as {@link #routing()}; another node is asked while
   * the lab's nodes run (503 once they stopped), 404 for a node the lab does not have.
   */
  @Override
  public CompletionStage<Optional<RoutingView>> labRouting(KadId id) {
    LabWatch.Viewed v = watch.viewed();
    if (v != null && v.identity().id().equals(id)) {
      return routing().thenApply(Optional::of);
    }
    LabWatch.Peer p = watch.peer(id);
    if (p == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (!watch.nodesRunning()) {
      return CompletableFuture.failedFuture(ApiException.unavailable(
          "the lab's nodes have stopped; only the viewed node's last table is kept"
              + " (run the lab on real time with --serve to keep them)"));
    }
    return AskPattern.<KadNode.Command, TableView>ask(p.node(), KadNode.GetTable::new,
            TABLE_TIMEOUT, system.scheduler())
        .handle((t, e) -> {
          if (e != null) {
            throw ApiException.unavailable("lab node " + id.toHex() + " did not answer within "
                + TABLE_TIMEOUT.toMillis() + "ms (it may have left the lab)");
          }
          return Optional.of(RoutingView.of(t));
        });
  }

  // ------------------------------------------------------------------ NodeControl

  @Override
  public CompletionStage<String> startLookup(LookupRequest request) {
    if (!(request instanceof LookupRequest.Node node)) {
      return CompletableFuture.failedFuture(ApiException.unavailable(
          "a lab runs node lookups only; searches need a node with published data (pekko-mule run)"));
    }
    if (!watch.nodesRunning()) {
      return CompletableFuture.failedFuture(ApiException.unavailable(
          "the lab's nodes have stopped; run the lab on real time with --serve to keep them"));
    }
    long running;
    synchronized (lookups) {
      running = lookups.values().stream()
          .filter(d -> d.lookup().state() == LookupView.State.RUNNING).count();
    }
    if (running >= MAX_RUNNING) {
      return CompletableFuture.failedFuture(ApiException.tooManyRequests(
          MAX_RUNNING + " lookups are running; wait for one to end"));
    }
    String id = String.valueOf(nextId.getAndIncrement());
    Instant started = Instant.now();
    KadId target = node.target();
    put(new LookupDetail(new LookupView(id, LookupKind.NODE, target, null,
        LookupView.State.RUNNING, null, started, null, 0, 0), List.of(), List.of()));
    events.publish(new ApiEvent.LookupProgressed(started, id, LookupKind.NODE,
        LookupView.State.RUNNING, 0, 0, null));
    LookupActor.Spec spec = new LookupActor.Spec(LookupType.NODE, target, watch.params().ours(),
        UrgencyClass.INTERACTIVE, Origin.LOOKUP);
    Duration limit = LookupType.NODE.lifetime().plusMinutes(1);
    AskPattern.<KadNode.Command, LookupOutcome>ask(viewed().node(),
            reply -> new KadNode.StartLookup(spec, reply), limit, system.scheduler())
        .whenComplete((o, e) -> finished(id, target, started, o));
    return CompletableFuture.completedFuture(id);
  }

  private void finished(String id, KadId target, Instant started, LookupOutcome o) {
    Instant now = Instant.now();
    List<ContactView> closest = new ArrayList<>();
    io.pekkomule.node.kad.lookup.Termination termination =
        io.pekkomule.node.kad.lookup.Termination.CANCELLED;
    int requests = 0;
    int results = 0;
    if (o != null) {
      termination = o.termination();
      requests = o.requests();
      results = o.results();
      List<KadContact> peers = o.completedPeers().isEmpty() ? o.closestKnown() : o.completedPeers();
      for (KadContact c : peers) {
        closest.add(ContactView.of(c.id(), c.endpoint(), ContactState.SEEN, 3, false,
            c.version(), 0));
      }
    }
    put(new LookupDetail(new LookupView(id, LookupKind.NODE, target, null,
        LookupView.State.FINISHED, termination, started, now, requests, results), closest,
        List.of()));
    events.publish(new ApiEvent.LookupProgressed(now, id, LookupKind.NODE,
        LookupView.State.FINISHED, requests, results, termination));
  }

  private void put(LookupDetail d) {
    synchronized (lookups) {
      lookups.put(d.lookup().id(), d);
      while (lookups.size() > MAX_LOOKUPS) {
        String oldest = lookups.keySet().iterator().next();
        lookups.remove(oldest);
      }
    }
  }

  @Override
  public CompletionStage<String> publish(PublishRequest request) {
    return CompletableFuture.failedFuture(ApiException.unavailable(
        "a lab does not publish; publications need a node of its own (pekko-mule run)"));
  }

  // ------------------------------------------------------------------ contact events

  private void poll() {
    if (!watch.nodesRunning() || watch.viewed() == null) {
      return;
    }
    table().whenComplete((t, e) -> {
      if (t != null) {
        diff(t);
      }
    });
  }

  // package-private for LabNodeViewTest
  synchronized void diff(TableView t) {
    Map<KadId, ContactState> now = new HashMap<>();
    Map<KadId, RoutingContact> byId = new HashMap<>();
    for (ZoneView z : t.zones()) {
      for (RoutingContact c : z.contacts()) {
        now.put(c.id(), c.state());
        byId.put(c.id(), c);
      }
    }
    Instant at = Instant.now();
    for (Map.Entry<KadId, ContactState> e : now.entrySet()) {
      ContactState before = lastStates.get(e.getKey());
      if (before != e.getValue()) {
        RoutingContact c = byId.get(e.getKey());
        events.publish(new ApiEvent.ContactChanged(at, before == null
            ? ApiEvent.ContactChanged.Change.ADDED : ApiEvent.ContactChanged.Change.UPDATED,
            c.id(), ContactView.text(c.dest()), c.state()));
      }
    }
    for (Map.Entry<KadId, ContactState> e : lastStates.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        events.publish(new ApiEvent.ContactChanged(at, ApiEvent.ContactChanged.Change.REMOVED,
            e.getKey(), null, e.getValue()));
      }
    }
    lastStates = now;
  }

  @Override
  public void close() {
    poller.cancel();
  }
}
