package io.pekkomule.node.api;

import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A node held in memory for API tests and dashboard work: every view is a value the test sets,
 * every action is recorded and answered with a new running lookup. Thread-safe.
 */
public final class InMemoryNode implements NodeView, NodeControl {
  private final IdentityView identity;
  private final Instant startedAt;
  private final Clock clock;
  private final ApiEvents events;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<String, LookupDetail> lookups = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<LookupRequest> lookupRequests = new CopyOnWriteArrayList<>();
  private final List<PublishRequest> publishRequests = new CopyOnWriteArrayList<>();
  private volatile TransportView transport = new TransportView("in-memory", true, "in-memory transport");
  private volatile RoutingView routing = RoutingView.empty();
  private volatile Optional<ShaperSettings> shaperSettings = Optional.empty();
  private volatile PersistenceView persistence;
  private volatile Optional<LabStatus> lab = Optional.empty();
  private volatile RuntimeException actionFailure;
  private volatile RuntimeException viewFailure;
  private volatile boolean stalled;

  /**
   * @param events where {@link #events()} reads and lookup progress is published; null for none
   */
  public InMemoryNode(IdentityView identity, ApiEvents events, Clock clock) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.events = events;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedAt = clock.instant();
  }

  // ------------------------------------------------------------------ test controls

  public InMemoryNode transport(TransportView t) {
    transport = Objects.requireNonNull(t);
    return this;
  }

  public InMemoryNode routing(RoutingView r) {
    routing = Objects.requireNonNull(r);
    return this;
  }

  private volatile io.pekkomule.node.shaper.ShaperAlarms alarms;

  /** The alarms {@link #shaperAlarms()} lists; null: none. */
  public InMemoryNode shaperAlarms(io.pekkomule.node.shaper.ShaperAlarms a) {
    alarms = a;
    return this;
  }

  @Override
  public java.util.List<io.pekkomule.node.shaper.ShaperAlarms.Active> shaperAlarms() {
    io.pekkomule.node.shaper.ShaperAlarms a = alarms;
    return a == null ? java.util.List.of() : a.active();
  }

  /** The settings {@link #shaperSettings()} reports; null: none (the API uses the configuration). */
  public InMemoryNode shaperSettings(ShaperSettings s) {
    shaperSettings = Optional.ofNullable(s);
    return this;
  }

  /** What {@link #persistence()} reports; null: 503 (no persistence, the default). */
  public InMemoryNode persistence(PersistenceView p) {
    persistence = p;
    return this;
  }

  /** What {@link #lab()} reports; null: not a lab (404). */
  public InMemoryNode lab(LabStatus status) {
    lab = Optional.ofNullable(status);
    return this;
  }

  /** Adds or replaces a lookup. */
  public InMemoryNode lookup(LookupDetail d) {
    lookups.put(d.lookup().id(), d);
    return this;
  }

  /** Actions fail with {@code e} (null: succeed again). */
  public InMemoryNode failActionsWith(RuntimeException e) {
    actionFailure = e;
    return this;
  }

  /** Views fail with {@code e} (null: succeed again). */
  public InMemoryNode failViewsWith(RuntimeException e) {
    viewFailure = e;
    return this;
  }

  /** Views and actions never answer while set (the API's ask-timeout applies). */
  public InMemoryNode stall(boolean s) {
    stalled = s;
    return this;
  }

  public List<LookupRequest> lookupRequests() {
    return List.copyOf(lookupRequests);
  }

  public List<PublishRequest> publishRequests() {
    return List.copyOf(publishRequests);
  }

  // ------------------------------------------------------------------ NodeView

  @Override
  public IdentityView identity() {
    return identity;
  }

  @Override
  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public CompletionStage<TransportView> transport() {
    return view(() -> transport);
  }

  @Override
  public CompletionStage<RoutingView> routing() {
    return view(() -> routing);
  }

  @Override
  public CompletionStage<List<LookupView>> lookups() {
    return view(() -> {
      List<LookupView> all = new ArrayList<>();
      synchronized (lookups) {
        lookups.values().forEach(d -> all.add(d.lookup()));
      }
      Collections.reverse(all);
      return all;
    });
  }

  @Override
  public CompletionStage<Optional<LookupDetail>> lookup(String id) {
    return view(() -> Optional.ofNullable(lookups.get(id)));
  }

  @Override
  public Optional<ShaperSettings> shaperSettings() {
    return shaperSettings;
  }

  @Override
  public CompletionStage<PersistenceView> persistence() {
    PersistenceView p = persistence;
    return p == null ? NodeView.super.persistence() : view(() -> p);
  }

  @Override
  public CompletionStage<Optional<LabStatus>> lab() {
    return view(() -> lab);
  }

  @Override
  public Source<ApiEvent, NotUsed> events() {
    return events == null ? Source.never() : events.source();
  }

  // ------------------------------------------------------------------ NodeControl

  @Override
  public CompletionStage<String> startLookup(LookupRequest request) {
    lookupRequests.add(request);
    KadId target;
    String keyword = null;
    if (request instanceof LookupRequest.Node n) {
      target = n.target();
    } else if (request instanceof LookupRequest.Keyword k) {
      keyword = k.query();
      target = KeywordHasher.searchTarget(k.query()).orElseThrow();
    } else if (request instanceof LookupRequest.Source s) {
      target = s.fileHash();
    } else {
      target = ((LookupRequest.Notes) request).fileHash();
    }
    return act(request.kind(), target, keyword);
  }

  @Override
  public CompletionStage<String> publish(PublishRequest request) {
    publishRequests.add(request);
    return act(request.kind(), request.fileHash(), null);
  }

  private CompletionStage<String> act(LookupKind kind, KadId target, String keyword) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    RuntimeException f = actionFailure;
    if (f != null) {
      return CompletableFuture.failedFuture(f);
    }
    String id = String.valueOf(nextId.getAndIncrement());
    Instant now = clock.instant();
    lookup(new LookupDetail(new LookupView(id, kind, target, keyword, LookupView.State.RUNNING,
        null, now, null, 0, 0), List.of(), List.of()));
    if (events != null) {
      events.publish(new ApiEvent.LookupProgressed(now, id, kind, LookupView.State.RUNNING, 0, 0, null));
    }
    return CompletableFuture.completedFuture(id);
  }

  private <T> CompletionStage<T> view(Supplier<T> value) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    RuntimeException f = viewFailure;
    return f != null ? CompletableFuture.failedFuture(f) : CompletableFuture.completedFuture(value.get());
  }
}
