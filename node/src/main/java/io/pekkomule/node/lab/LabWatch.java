package io.pekkomule.node.lab;

import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a lab run shows its dashboard ({@link LabNodeView}): the guardian reports here as it goes
 * (nodes joining and leaving, table sizes at each progress tick, progress figures, the final
 * figures) and readers on other threads see a consistent copy. The first seed node is the one the
 * API views. Thread-safe.
 */
public final class LabWatch implements AutoCloseable {
  /** One node as the watch knows it. */
  record Peer(KadId id, boolean seed, long joinedNanos, int contacts, int verified,
      ActorRef<KadNode.Command> node) {}

  private final MeterRegistry registry;
  private final boolean keepNodes;
  private final CompletableFuture<Viewed> viewed = new CompletableFuture<>();
  private final Map<KadId, Peer> peers = new LinkedHashMap<>();
  private final Instant startedAt = Instant.now();
  private volatile LabParams params;
  private volatile LabNetwork network;
  private volatile ShaperSettings shaper;
  private volatile LongSupplier labNanos = () -> 0L;
  private volatile Map<String, Object> progress = Map.of();
  private volatile LabReport report;
  private volatile long frozenNanos = -1;
  private volatile boolean nodesRunning = true;

  /** The node the API views. */
  record Viewed(ActorRef<KadNode.Command> node, KadIdentity identity, Instant joinedAt) {}

  /**
   * @param registry where the lab's nodes record their shaper and Kad meters (all nodes share
   *     them: the lab's totals)
   * @param keepNodes after the figures line, keep the nodes running (real time only) so the API
   *     can still start lookups
   */
  public LabWatch(MeterRegistry registry, boolean keepNodes) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.keepNodes = keepNodes;
  }

  public MeterRegistry registry() {
    return registry;
  }

  boolean keepNodes() {
    return keepNodes;
  }

  /** Completes when the viewed node has joined. */
  public CompletableFuture<?> ready() {
    return viewed;
  }

  // ------------------------------------------------------------------ from the guardian

  void started(LabParams p, LabNetwork n, ShaperSettings s, LongSupplier nanos) {
    params = p;
    network = n;
    shaper = s;
    labNanos = nanos;
  }

  synchronized void joined(KadIdentity identity, ActorRef<KadNode.Command> node, boolean seed,
      long nanos) {
    peers.put(identity.id(), new Peer(identity.id(), seed, nanos, -1, -1, node));
    if (seed && !viewed.isDone()) {
      viewed.complete(new Viewed(node, identity, Instant.now()));
    }
  }

  synchronized void left(KadId id) {
    peers.remove(id);
  }

  synchronized void snapshot(RoutingSnapshot s) {
    Peer p = peers.get(s.own());
    if (p != null) {
      peers.put(s.own(), new Peer(p.id(), p.seed(), p.joinedNanos(), s.size(), s.verified(),
          p.node()));
    }
  }

  private volatile io.pekkomule.node.kad.routing.TableView table;

  /** The viewed node's table, as the guardian last asked it. */
  void table(io.pekkomule.node.kad.routing.TableView t) {
    table = t;
  }

  io.pekkomule.node.kad.routing.TableView lastTable() {
    return table;
  }

  void progress(Map<String, Object> figures) {
    progress = Map.copyOf(figures);
  }

  /** The run ended: its figures; whether its nodes keep running. */
  void finished(LabReport r, boolean stillRunning) {
    frozenNanos = labNanos.getAsLong();
    nodesRunning = stillRunning;
    report = r;
  }

  /** The lab's actor system is gone (or about to be): no node answers any more. */
  void stopped() {
    if (frozenNanos < 0) {
      frozenNanos = labNanos.getAsLong();
    }
    nodesRunning = false;
  }

  private volatile org.apache.pekko.actor.typed.ActorSystem<?> kept;
  private final CompletableFuture<Void> stop = new CompletableFuture<>();

  /** Completes when {@link #close()} was called: a lab still running ends early. */
  CompletableFuture<Void> stopRequested() {
    return stop;
  }

  /** The lab's system, kept running after the figures (keepNodes, real time). */
  void keep(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    kept = system;
  }

  /**
   * Stops the lab: a run still going ends early (its {@code run} throws CancellationException),
   * nodes kept running after the figures stop; waits for them (at most 30 s).
   */
  @Override
  public void close() {
    stop.complete(null);
    org.apache.pekko.actor.typed.ActorSystem<?> s = kept;
    kept = null;
    stopped();
    if (s != null) {
      s.terminate();
      try {
        s.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        // stopping anyway
      }
    }
  }

  // ------------------------------------------------------------------ for the view

  Viewed viewed() {
    return viewed.getNow(null);
  }

  LabParams params() {
    return params;
  }

  ShaperSettings shaperSettings() {
    return shaper;
  }

  Instant startedAt() {
    return startedAt;
  }

  LabNetwork network() {
    return network;
  }

  LabReport report() {
    return report;
  }

  boolean nodesRunning() {
    return nodesRunning;
  }

  Map<String, Object> lastProgress() {
    return progress;
  }

  long nowNanos() {
    long f = frozenNanos;
    return f >= 0 ? f : labNanos.getAsLong();
  }

  synchronized List<Peer> peers() {
    return new ArrayList<>(peers.values());
  }

  /** A node alive in the lab, or null. */
  synchronized Peer peer(KadId id) {
    return peers.get(id);
  }

  synchronized int alive() {
    return peers.size();
  }
}
