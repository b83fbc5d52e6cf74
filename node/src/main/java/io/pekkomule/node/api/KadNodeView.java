package io.pekkomule.node.api;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.search.Publisher;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.search.SearchEvent;
import io.pekkomule.node.kad.search.SearchRequest;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.routing.TableView;
import io.pekkomule.node.kad.routing.RoutingContact;
import io.pekkomule.node.kad.routing.RoutingEffect;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The management API's view of, and control over, one running {@link KadNode} (docs/api.md,
 * "Wiring"). Thread-safe; every method may be called from HTTP threads.
 *
 * <ul>
 *   <li>{@link #routing()}: every leaf zone ({@link KadNode.GetTable}) as {@link BucketView}s —
 *       contacts oldest first, replacement caches best first, each contact with its {@code state}
 *       (endpoint proof), iMule {@code type}, {@code verified}, version and age.
 *   <li>{@link #startLookup}: node lookups ({@code type=node}); they run as the node's own
 *       {@code NODE} lookups at {@code INTERACTIVE} urgency, so the shaper treats them like any
 *       user lookup. Keyword, source and notes searches are {@code KadNode.Search}es whose
 *       results stream into the lookup's hits; publishing is {@code KadNode.Share}. At most {@link #MAX_RUNNING} API lookups run at once (429).
 *   <li>{@link #lookups()}: the API lookups, running and the last {@link #REMEMBERED} finished,
 *       newest first, with their termination reason.
 *   <li>{@link #transport()}: whatever the transport reports (a supplier: kind, up, detail).
 *   <li>Shaper: {@link #shaperSettings()} is the node's; the report itself is read from the
 *       registry by the API ({@link ShaperReport}).
 *   <li>Events: {@code contact_changed} for contacts added, updated (state changes only), removed;
 *       {@code lookup_progressed} when an API lookup starts and ends.
 * </ul>
 *
 * <p>{@link #stopAccepting(String)} turns every later action into a 503 (graceful shutdown).
 */
public final class KadNodeView implements NodeView, NodeControl {
  /** API lookups allowed to run at once; more answer 429. */
  public static final int MAX_RUNNING = 16;
  /** Finished API lookups kept for {@code GET /api/v1/lookups}. */
  public static final int REMEMBERED = 100;
  /** How long an API lookup may run before its outcome is no longer awaited. */
  static final Duration LOOKUP_LIMIT = Duration.ofMinutes(10);
  private static final AtomicLong SERIAL = new AtomicLong();

  private final ActorSystem<?> system;
  private final ActorRef<KadNode.Command> node;
  private final IdentityView identity;
  private final Supplier<TransportView> transport;
  private final Optional<ShaperSettings> shaperSettings;
  private final ApiEvents events;
  private final Duration askTimeout;
  private final Clock clock;
  private final Instant startedAt;
  private final LookupConfig lookupConfig;
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicInteger running = new AtomicInteger();
  private final Map<String, Tracked> lookups = new ConcurrentHashMap<>();
  private final Supplier<CompletionStage<PersistenceView>> persistence;
  private volatile String refusing;
  private final io.pekkomule.node.shaper.ShaperAlarms alarms;

  private static final class Tracked {
    final long seq;
    final LookupDetail detail;

    Tracked(long seq, LookupDetail detail) {
      this.seq = seq;
      this.detail = detail;
    }
  }

  private KadNodeView(Builder b) {
    this.system = b.system;
    this.node = b.node;
    this.identity = b.identity;
    this.transport = b.transport;
    this.shaperSettings = Optional.ofNullable(b.shaperSettings);
    this.events = b.events;
    this.askTimeout = b.askTimeout;
    this.clock = b.clock;
    this.startedAt = b.clock.instant();
    this.lookupConfig = b.lookupConfig;
    this.persistence = b.persistence;
    this.alarms = b.alarms;
    if (events != null) {
      ActorRef<RoutingEffect> watcher = system.systemActorOf(contactEvents(events, clock),
          "api-routing-events-" + SERIAL.incrementAndGet(), Props.empty());
      node.tell(new KadNode.WatchRouting(watcher));
    }
  }

  /**
   * @param node the running node's entry point
   * @param identity KadID and b32 (never keys)
   * @param transport read on every {@code /status} and {@code /health/ready}
   */
  public static Builder builder(ActorSystem<?> system, ActorRef<KadNode.Command> node,
      IdentityView identity, Supplier<TransportView> transport) {
    return new Builder(system, node, identity, transport);
  }

  /** Optional parts; defaults: no events, 5 s asks, system UTC clock, the node's lookup config. */
  public static final class Builder {
    private final ActorSystem<?> system;
    private final ActorRef<KadNode.Command> node;
    private final IdentityView identity;
    private final Supplier<TransportView> transport;
    private ShaperSettings shaperSettings;
    private ApiEvents events;
    private Duration askTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private LookupConfig lookupConfig = KadNodeSettings.OUR_LOOKUPS;
    private Supplier<CompletionStage<PersistenceView>> persistence;
    private io.pekkomule.node.shaper.ShaperAlarms alarms;

    private Builder(ActorSystem<?> system, ActorRef<KadNode.Command> node, IdentityView identity,
        Supplier<TransportView> transport) {
      this.system = Objects.requireNonNull(system, "system");
      this.node = Objects.requireNonNull(node, "node");
      this.identity = Objects.requireNonNull(identity, "identity");
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    public Builder shaperSettings(ShaperSettings s) {
      this.shaperSettings = s;
      return this;
    }

    /** Where {@link #events()} reads and where contact and lookup events are published. */
    public Builder events(ApiEvents e) {
      this.events = e;
      return this;
    }

    /** How long a routing query waits for the node (the API bounds it again). */
    public Builder askTimeout(Duration d) {
      this.askTimeout = Objects.requireNonNull(d);
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    public Builder lookupConfig(LookupConfig c) {
      this.lookupConfig = Objects.requireNonNull(c);
      return this;
    }

    /** Answers {@code GET /api/v1/persistence} (default: 503, no persistence). */
    public Builder persistence(Supplier<CompletionStage<PersistenceView>> p) {
      this.persistence = p;
      return this;
    }

    /** The node's shaper alarms, listed by {@code /api/v1/shaper} and {@code /status}. */
    public Builder shaperAlarms(io.pekkomule.node.shaper.ShaperAlarms a) {
      this.alarms = a;
      return this;
    }

    public KadNodeView build() {
      return new KadNodeView(this);
    }
  }

  /** From now on every action answers 503 with {@code reason} (the node is stopping). */
  public void stopAccepting(String reason) {
    this.refusing = Objects.requireNonNull(reason);
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
    try {
      return CompletableFuture.completedFuture(transport.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<RoutingView> routing() {
    return AskPattern.<KadNode.Command, TableView>ask(node, KadNode.GetTable::new,
            askTimeout, system.scheduler())
        .thenApply(RoutingView::of);
  }

  @Override
  public CompletionStage<List<LookupView>> lookups() {
    List<Tracked> all = new ArrayList<>(lookups.values());
    all.sort(Comparator.comparingLong((Tracked t) -> t.seq).reversed());
    return CompletableFuture.completedFuture(all.stream().map(t -> t.detail.lookup()).toList());
  }

  @Override
  public CompletionStage<Optional<LookupDetail>> lookup(String id) {
    Tracked t = lookups.get(id);
    return CompletableFuture.completedFuture(Optional.ofNullable(t == null ? null : t.detail));
  }

  @Override
  public Optional<ShaperSettings> shaperSettings() {
    return shaperSettings;
  }

  @Override
  public List<io.pekkomule.node.shaper.ShaperAlarms.Active> shaperAlarms() {
    return alarms == null ? List.of() : alarms.active();
  }

  @Override
  public CompletionStage<PersistenceView> persistence() {
    return persistence == null ? NodeView.super.persistence() : persistence.get();
  }

  @Override
  public Source<ApiEvent, NotUsed> events() {
    return events == null ? Source.never() : events.source();
  }

  // ------------------------------------------------------------------ NodeControl

  @Override
  public CompletionStage<String> startLookup(LookupRequest request) {
    String r = refusing;
    if (r != null) {
      return CompletableFuture.failedFuture(ApiException.unavailable(r));
    }
    if (!(request instanceof LookupRequest.Node n)) {
      return startSearch(request);
    }
    if (running.incrementAndGet() > MAX_RUNNING) {
      running.decrementAndGet();
      return CompletableFuture.failedFuture(ApiException.tooManyRequests(
          "at most " + MAX_RUNNING + " lookups run at once; wait for one to finish"));
    }
    long seq = nextId.getAndIncrement();
    String id = String.valueOf(seq);
    Instant now = clock.instant();
    LookupView v = new LookupView(id, LookupKind.NODE, n.target(), null, LookupView.State.RUNNING,
        null, now, null, 0, 0);
    lookups.put(id, new Tracked(seq, new LookupDetail(v, List.of(), List.of())));
    publish(new ApiEvent.LookupProgressed(now, id, LookupKind.NODE, LookupView.State.RUNNING, 0, 0,
        null));
    LookupActor.Spec spec = new LookupActor.Spec(LookupType.NODE, n.target(), lookupConfig,
        UrgencyClass.INTERACTIVE, Origin.LOOKUP);
    AskPattern.<KadNode.Command, LookupOutcome>ask(node, to -> new KadNode.StartLookup(spec, to),
            LOOKUP_LIMIT, system.scheduler())
        .whenComplete((o, err) -> finished(seq, v, o));
    forgetOld();
    return CompletableFuture.completedFuture(id);
  }

  /**
   * A keyword, source or notes search ({@code KadNode.Search}): every result as it arrives goes
   * into the lookup's hits ({@code GET /api/v1/lookups/{id}}) and a {@code lookup_progressed}
   * event (running, results so far); the end finishes the lookup as a node lookup's does.
   */
  private CompletionStage<String> startSearch(LookupRequest request) {
    SearchRequest search;
    String keyword = null;
    try {
      if (request instanceof LookupRequest.Keyword k) {
        search = SearchRequest.keyword(k.query());
      } else if (request instanceof LookupRequest.Source f) {
        search = SearchRequest.sources(f.fileHash(), f.fileSize());
      } else {
        LookupRequest.Notes f = (LookupRequest.Notes) request;
        search = SearchRequest.notes(f.fileHash(), f.fileSize());
      }
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(ApiException.badRequest(e.getMessage()));
    }
    if (request instanceof LookupRequest.Keyword k) {
      keyword = k.query();
    }
    if (running.incrementAndGet() > MAX_RUNNING) {
      running.decrementAndGet();
      return CompletableFuture.failedFuture(ApiException.tooManyRequests(
          "at most " + MAX_RUNNING + " lookups run at once; wait for one to finish"));
    }
    long seq = nextId.getAndIncrement();
    String id = String.valueOf(seq);
    Instant now = clock.instant();
    LookupKind kind = request.kind();
    LookupView v = new LookupView(id, kind, search.target(), keyword, LookupView.State.RUNNING,
        null, now, null, 0, 0);
    lookups.put(id, new Tracked(seq, new LookupDetail(v, List.of(), List.of())));
    publish(new ApiEvent.LookupProgressed(now, id, kind, LookupView.State.RUNNING, 0, 0, null));
    ActorRef<SearchEvent> sink = system.systemActorOf(searchSink(seq, v),
        "api-search-" + SERIAL.incrementAndGet(), Props.empty());
    node.tell(new KadNode.Search(search, sink));
    forgetOld();
    return CompletableFuture.completedFuture(id);
  }

  /** Collects one search's results into its tracked lookup; stops at the end (or after the limit). */
  private Behavior<SearchEvent> searchSink(long seq, LookupView started) {
    return Behaviors.setup(ctx -> {
      ctx.setReceiveTimeout(LOOKUP_LIMIT, new SearchEvent.Done(null, -1, null));
      List<SearchHit> hits = new ArrayList<>();
      return Behaviors.receive(SearchEvent.class)
          .onMessage(SearchEvent.Result.class, r -> {
            SearchHit h = hit(r.entry());
            hits.add(h);
            publish(new ApiEvent.LookupResult(clock.instant(), started.id(), started.type(),
                hits.size(), h));
            LookupView v = new LookupView(started.id(), started.type(), started.target(),
                started.keyword(), LookupView.State.RUNNING, null, started.startedAt(), null,
                0, hits.size());
            lookups.put(v.id(), new Tracked(seq, new LookupDetail(v, List.of(), hits)));
            publish(new ApiEvent.LookupProgressed(clock.instant(), v.id(), v.type(),
                LookupView.State.RUNNING, 0, hits.size(), null));
            return Behaviors.same();
          })
          .onMessage(SearchEvent.Done.class, d -> {
            running.decrementAndGet();
            LookupOutcome o = d.outcome();
            Termination t = o == null ? Termination.TIMED_OUT : o.termination();
            List<ContactView> asked = new ArrayList<>();
            if (o != null) {
              for (KadContact c : o.completedPeers()) {
                asked.add(ContactView.of(c.id(), c.endpoint(),
                    io.pekkomule.node.kad.routing.ContactState.SEEN, 3, false, c.version(), 0));
              }
            }
            Instant now = clock.instant();
            int requests = o == null ? 0 : o.requests();
            LookupView v = new LookupView(started.id(), started.type(), started.target(),
                started.keyword(), LookupView.State.FINISHED, t, started.startedAt(), now,
                requests, hits.size());
            lookups.put(v.id(), new Tracked(seq, new LookupDetail(v, asked, hits)));
            publish(new ApiEvent.LookupProgressed(now, v.id(), v.type(),
                LookupView.State.FINISHED, requests, hits.size(), t));
            return Behaviors.stopped();
          })
          .build();
    });
  }

  /** One search result as the API shows it. */
  static SearchHit hit(TaggedEntry e) {
    TagList tags = e.tags();
    String b32 = tags.addressValue(TagName.SOURCEDEST)
        .or(() -> tags.addressValue(TagName.SOURCEUDEST)).map(I2pDestination::toB32).orElse(null);
    Map<String, Object> more = new java.util.TreeMap<>();
    tags.intValue(TagName.SOURCES).ifPresent(x -> more.put("availability", x));
    tags.intValue(TagName.COMPLETE_SOURCES).ifPresent(x -> more.put("completeSources", x));
    tags.intValue(TagName.FILERATING).ifPresent(x -> more.put("rating", x));
    tags.stringValue(TagName.DESCRIPTION).ifPresent(x -> more.put("comment", x));
    tags.stringValue(TagName.FILETYPE).ifPresent(x -> more.put("fileType", x));
    tags.intValue(TagName.SOURCETYPE).ifPresent(x -> more.put("sourceType", x));
    return new SearchHit(e.id(), b32, tags.stringValue(TagName.FILENAME).orElse(null),
        tags.first(TagName.FILESIZE).isPresent() ? tags.intValue(TagName.FILESIZE).orElse(0)
            : null, more);
  }

  /**
   * Starts publishing ({@code KadNode.Share}): the node's publisher publishes the source first
   * (inside the first window, 10 s to 15 min), then, for a keyword publication, the keywords of
   * the name once the source went out, notes with a notes publication, and republishes on
   * iMule's schedule. The returned id is listed under {@code /api/v1/lookups}: running until the
   * first round of its store lookups ended (source; notes; the name's keywords after a
   * successful source), with {@code results} = storing nodes that acknowledged (PUBLISH_RES) and
   * each store lookup under {@code jobs}; then finished with the last lookup's termination that
   * was not {@code converged}, else {@code converged}. A file already shared answers 409.
   */
  @Override
  public CompletionStage<String> publish(PublishRequest request) {
    String r = refusing;
    if (r != null) {
      return CompletableFuture.failedFuture(ApiException.unavailable(r));
    }
    SharedFile file;
    try {
      file = sharedFile(request);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(ApiException.badRequest(e.getMessage()));
    }
    watchPublications();
    long seq = nextId.getAndIncrement();
    String id = String.valueOf(seq);
    Instant now = clock.instant();
    LookupView v = new LookupView(id, request.kind(), request.fileHash(),
        request instanceof PublishRequest.Keyword k ? k.fileName() : null,
        LookupView.State.RUNNING, null, now, null, 0, 0);
    PendingPublication p = new PendingPublication(seq, v, file);
    synchronized (pending) {
      if (pending.containsKey(file.fileId())) {
        return CompletableFuture.failedFuture(new ApiException(409, "file "
            + file.fileId().toHex() + " is being published already; see GET /api/v1/lookups"));
      }
      pending.put(file.fileId(), p);
    }
    return AskPattern.<KadNode.Command, Publisher.Shared>ask(node,
            to -> new KadNode.Share(file, to), askTimeout, system.scheduler())
        .handle((shared, err) -> {
          if (err != null || !shared.added()) {
            synchronized (pending) {
              pending.remove(file.fileId(), p);
            }
            if (err != null) {
              throw new java.util.concurrent.CompletionException(err);
            }
            throw new ApiException(409, "file " + file.fileId().toHex()
                + " is shared already; its items and next times: GET /api/v1/publications");
          }
          // a store lookup that already ended (a zero first window) has put its progress there
          if (lookups.putIfAbsent(id, new Tracked(seq, new LookupDetail(v, List.of(), List.of())))
              == null) {
            publish(new ApiEvent.LookupProgressed(now, id, request.kind(),
                LookupView.State.RUNNING, 0, 0, null));
          }
          forgetOld();
          system.scheduler().scheduleOnce(PUBLISH_LIMIT, () -> expire(p),
              system.executionContext());
          return id;
        });
  }

  /** How long a publication may stay running in the API (first window + the lookups). */
  static final Duration PUBLISH_LIMIT = Duration.ofMinutes(30);

  /** A publication started through the API whose first round of store lookups has not ended. */
  private static final class PendingPublication {
    final long seq;
    final LookupView started;
    final SharedFile file;
    /** Items still awaited, as kind and target. */
    final java.util.Set<String> waiting = new java.util.HashSet<>();
    final List<PublicationView.Job> jobs = new ArrayList<>();
    int stored;
    int requests;
    Termination termination = Termination.CONVERGED;

    PendingPublication(long seq, LookupView started, SharedFile file) {
      this.seq = seq;
      this.started = started;
      this.file = file;
      waiting.add(key(JobKind.SOURCE, file.fileId()));
      if (file.hasNotes()) {
        waiting.add(key(JobKind.NOTES, file.fileId()));
      }
    }

    static String key(JobKind kind, KadId target) {
      return kind + "/" + target.toHex();
    }
  }

  private final Map<KadId, PendingPublication> pending = new java.util.HashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean watchingPublications =
      new java.util.concurrent.atomic.AtomicBoolean();

  private void watchPublications() {
    if (watchingPublications.compareAndSet(false, true)) {
      ActorRef<Publisher.JobFinished> w = system.systemActorOf(
          Behaviors.receiveMessage((Publisher.JobFinished f) -> {
            jobFinished(f);
            return Behaviors.same();
          }), "api-publications-" + SERIAL.incrementAndGet(), Props.empty());
      node.tell(new KadNode.WatchPublications(w));
    }
  }

  /** One store lookup of the publisher ended: it may advance or finish API publications. */
  void jobFinished(Publisher.JobFinished f) {
    PublicationView.Job job = job(f);
    for (KadId fileId : f.files()) {
      PendingPublication p;
      boolean done;
      synchronized (pending) {
        p = pending.get(fileId);
        if (p == null || !p.waiting.remove(PendingPublication.key(f.kind(), f.target()))) {
          continue;
        }
        p.jobs.add(job);
        p.stored += f.stored();
        p.requests += f.requests();
        if (f.termination() != Termination.CONVERGED) {
          p.termination = f.termination();
        }
        if (f.kind() == JobKind.SOURCE && f.success() && p.file.complete()) {
          for (String w : io.pekkomule.protocol.keyword.KeywordHasher.publishWords(p.file.name())) {
            p.waiting.add(PendingPublication.key(JobKind.KEYWORD,
                io.pekkomule.protocol.keyword.KeywordHasher.hash(w)));
          }
        }
        done = p.waiting.isEmpty();
        if (done) {
          pending.remove(fileId, p);
        }
      }
      update(p, done ? LookupView.State.FINISHED : LookupView.State.RUNNING,
          done ? p.termination : null);
    }
  }

  private void expire(PendingPublication p) {
    synchronized (pending) {
      if (!pending.remove(p.file.fileId(), p)) {
        return;
      }
    }
    update(p, LookupView.State.FINISHED, Termination.TIMED_OUT);
  }

  private void update(PendingPublication p, LookupView.State state, Termination t) {
    LookupView s = p.started;
    Instant now = clock.instant();
    List<PublicationView.Job> jobs;
    int stored;
    int requests;
    synchronized (pending) {
      jobs = List.copyOf(p.jobs);
      stored = p.stored;
      requests = p.requests;
    }
    LookupView v = new LookupView(s.id(), s.type(), s.target(), s.keyword(), state, t,
        s.startedAt(), state == LookupView.State.FINISHED ? now : null, requests, stored);
    lookups.put(v.id(), new Tracked(p.seq, new LookupDetail(v, List.of(), List.of(), jobs)));
    publish(new ApiEvent.LookupProgressed(now, v.id(), v.type(), state, requests, stored, t));
  }

  private static PublicationView.Job job(Publisher.JobFinished f) {
    return new PublicationView.Job(kind(f.kind()), f.target(), f.stored(), f.success(),
        f.termination(), f.requests(), Instant.ofEpochMilli(f.finishedMillis()),
        f.nextDueMillis() < 0 ? null : Instant.ofEpochMilli(f.nextDueMillis()));
  }

  private static PublicationView.Kind kind(JobKind k) {
    return PublicationView.Kind.valueOf(k.name());
  }

  @Override
  public CompletionStage<List<PublicationView>> publications() {
    return AskPattern.<KadNode.Command, Publisher.Publications>ask(node,
            KadNode.ListPublications::new, askTimeout, system.scheduler())
        .thenApply(ps -> ps.files().stream().map(KadNodeView::publicationView).toList());
  }

  static PublicationView publicationView(Publisher.Publication p) {
    SharedFile f = p.file();
    List<PublicationView.Item> items = new ArrayList<>();
    for (Publisher.Item i : p.items()) {
      items.add(new PublicationView.Item(kind(i.kind()), i.target(),
          i.running() ? PublicationView.State.RUNNING : PublicationView.State.SCHEDULED,
          Instant.ofEpochMilli(i.dueMillis()), i.last() == null ? null : job(i.last())));
    }
    return new PublicationView(f.fileId(), f.name(), f.size(), f.complete(),
        f.rating().isPresent() ? f.rating().getAsInt() : null, f.comment().orElse(null),
        p.sharedMillis() < 0 ? null : Instant.ofEpochMilli(p.sharedMillis()), items);
  }

  /** The shared file a publication stands for. */
  static SharedFile sharedFile(PublishRequest request) {
    if (request instanceof PublishRequest.Keyword k) {
      return SharedFile.complete(k.fileHash(), k.fileName(), k.fileSize());
    }
    if (request instanceof PublishRequest.Source s) {
      // a source only: an incomplete file has no keywords published
      return new SharedFile(s.fileHash(), s.fileHash().toHex(), s.fileSize(), false,
          Optional.empty(), java.util.OptionalInt.empty(), Optional.empty());
    }
    PublishRequest.Notes n = (PublishRequest.Notes) request;
    return new SharedFile(n.fileHash(), n.fileName(), 1, false, Optional.empty(),
        n.rating() > 0 ? java.util.OptionalInt.of(n.rating()) : java.util.OptionalInt.empty(),
        Optional.of(n.comment()));
  }

  // ------------------------------------------------------------------ internals

  private void finished(long seq, LookupView started, LookupOutcome o) {
    running.decrementAndGet();
    Instant now = clock.instant();
    Termination t = o == null ? Termination.TIMED_OUT : o.termination();
    List<ContactView> closest = new ArrayList<>();
    if (o != null) {
      List<KadContact> peers = o.completedPeers().isEmpty() ? o.closestKnown()
          : o.completedPeers();
      for (KadContact c : peers) {
        closest.add(ContactView.of(c.id(), c.endpoint(),
            io.pekkomule.node.kad.routing.ContactState.SEEN, 3, false, c.version(), 0));
      }
    }
    int requests = o == null ? 0 : o.requests();
    int results = o == null ? 0 : o.results();
    LookupView v = new LookupView(started.id(), started.type(), started.target(), null,
        LookupView.State.FINISHED, t, started.startedAt(), now, requests, results);
    lookups.put(v.id(), new Tracked(seq, new LookupDetail(v, closest, List.of())));
    publish(new ApiEvent.LookupProgressed(now, v.id(), v.type(), LookupView.State.FINISHED,
        requests, results, t));
  }

  private void forgetOld() {
    List<Tracked> done = lookups.values().stream()
        .filter(t -> t.detail.lookup().state() == LookupView.State.FINISHED)
        .sorted(Comparator.comparingLong((Tracked t) -> t.seq))
        .toList();
    for (int i = 0; i < done.size() - REMEMBERED; i++) {
      lookups.remove(done.get(i).detail.lookup().id());
    }
  }

  private void publish(ApiEvent e) {
    if (events != null) {
      events.publish(e);
    }
  }

  /** Turns the table's effects into {@code contact_changed} events. */
  private static Behavior<RoutingEffect> contactEvents(ApiEvents events, Clock clock) {
    return Behaviors.setup(ctx -> Behaviors.receiveMessage(e -> {
      ApiEvent ev = null;
      if (e instanceof RoutingEffect.ContactAdded a) {
        ev = changed(clock, ApiEvent.ContactChanged.Change.ADDED, a.contact());
      } else if (e instanceof RoutingEffect.ContactVerified v) {
        ev = changed(clock, ApiEvent.ContactChanged.Change.UPDATED, v.contact());
      } else if (e instanceof RoutingEffect.ContactRemoved r) {
        ev = changed(clock, ApiEvent.ContactChanged.Change.REMOVED, r.contact());
      }
      if (ev != null) {
        events.publish(ev);
      }
      return Behaviors.same();
    }));
  }

  private static ApiEvent changed(Clock clock, ApiEvent.ContactChanged.Change change,
      RoutingContact c) {
    String b32 = c.dest() instanceof I2pEndpoint i ? i.destination().toB32() : null;
    return new ApiEvent.ContactChanged(clock.instant(), change, c.id(), b32, c.state());
  }

}
