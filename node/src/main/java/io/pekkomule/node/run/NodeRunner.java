package io.pekkomule.node.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.api.ApiEvents;
import io.pekkomule.node.api.IdentityView;
import io.pekkomule.node.api.KadNodeView;
import io.pekkomule.node.api.ManagementServer;
import io.pekkomule.node.api.ManagementSettings;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeDeps;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.routing.RoutingEffect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.shaper.Shaper;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.NodeStore;
import io.pekkomule.persistence.buckets.RecoveryReport;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.persistence.identity.IdentityStore;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.files.NodesDat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one node on a data directory (what {@code run} does) and stops it gracefully:
 *
 * <ol>
 *   <li>actor system on the journal of the data directory; identity loaded or created once
 *       ({@link IdentityStore});
 *   <li>routing buckets recovered: downtime applied as ageing ({@code ApplyDowntime}), the
 *       surviving contacts become the routing table's start (as iMule loads nodes.dat: they are
 *       pinged by the zones' jittered small timers, one per zone at a time, so re-verification is
 *       gradual and no HELLO burst leaves at start);
 *   <li>transport from the {@link TransportRegistry}; a destination it creates is stored with the
 *       identity;
 *   <li>the node's one {@link Shaper} graph on the transport, the {@link KadNode}, the {@link
 *       RoutingMirror} into the buckets, the management server with a {@link KadNodeView};
 *   <li>coordinated shutdown: unbind and refuse API actions, stop receiving, drain the shaper
 *       (bounded), flush the mirror and checkpoint, write {@code nodes.dat} (v2) into the data
 *       directory, close the transport.
 * </ol>
 */
public final class NodeRunner {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRunner.class);

  /** A node that is up. */
  public record Running(ActorSystem<Void> system, ServerBinding binding, String dashboardUrl,
      Identity identity) {}

  private NodeRunner() {}

  /** The configuration the node runs with: the data directory and the options applied. */
  public static Config effectiveConfig(Config base, RunOptions o) {
    Config c = JournalConfig.withAbsoluteH2Path(JournalConfig.forDataDir(base, o.dataDir()));
    if (o.apiPort().isPresent()) {
      c = c.withValue("pekko-mule.management.http.port",
          ConfigValueFactory.fromAnyRef(o.apiPort().get()));
    }
    return c;
  }

  /**
   * Starts the node; the stage completes once the API is bound. Failures an operator can fix
   * complete it with {@link TransportUnavailableException} or {@link IllegalArgumentException}.
   */
  public static Running start(Config base, RunOptions options, Consumer<String> out)
      throws Exception {
    Config config = effectiveConfig(base, options);
    Files.createDirectories(options.dataDir());
    TransportFactory factory = TransportRegistry.find(options.transport()).orElseThrow(() ->
        new TransportUnavailableException("unknown transport '" + options.transport()
            + "' (known: " + String.join(", ", new java.util.TreeSet<>(TransportRegistry.names()))
            + ")"));
    ManagementSettings.fromConfig(config); // bad management settings stop us before anything runs
    ShaperSettings shaperSettings = ShaperSettings.fromConfig(config);
    io.pekkomule.node.kad.search.CoverPlanner.Config.fromConfig(config); // bad cover settings too
    // open the journal database (H2: the file; classes loaded) beside the actor system's start;
    // a failure here is ignored: IdentityStore.loadOrCreate runs the bootstrap again and reports it
    CompletableFuture<Void> schema = CompletableFuture.runAsync(() -> {
      try {
        io.pekkomule.persistence.SchemaBootstrap.ensureSchema(config);
      } catch (java.sql.SQLException | RuntimeException e) {
        LOG.debug("early schema bootstrap failed (retried by the identity store): {}", e.toString());
      }
    });
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pekko-mule", config);
    try {
      schema.get(config.getDuration("pekko-mule.persistence.ask-timeout").toMillis() + 30_000,
          TimeUnit.MILLISECONDS);
      return start(system, config, options, factory, shaperSettings, out);
    } catch (Exception | Error e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw e;
    }
  }

  private static <T> T await(CompletionStage<T> s, Duration d) throws Exception {
    try {
      return s.toCompletableFuture().get(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  private static Running start(ActorSystem<Void> system, Config config, RunOptions options,
      TransportFactory factory, ShaperSettings shaperSettings, Consumer<String> out)
      throws Exception {
    Path dataDir = options.dataDir();
    Duration askTimeout = config.getDuration("pekko-mule.persistence.ask-timeout");
    CompletionStage<Identity> loading = IdentityStore.loadOrCreate(system, dataDir);
    if (!loading.toCompletableFuture().isCompletedExceptionally()) {
      // the schema is there: the buckets entity recovers (snapshot + events) while the identity
      // loads and the transport starts; the downtime is applied only after the transport is up
      NodeStore.get(system).buckets();
    }
    Identity identity = await(loading, askTimeout.plusSeconds(30));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    // transport (before recovery: a transport that cannot start must not age the table)
    TransportFactory.Created created = factory.create(new TransportContext(config, dataDir,
        system, registry, identity.kadId(), identity.destinationKeys(), options));
    ActorRef<KadNode.Command>[] nodeRef = newRefHolder();
    I2pDestination own;
    try {
      CompletableFuture<I2pDestination> started = created.transport().start(d -> {
        ActorRef<KadNode.Command> n = nodeRef[0];
        if (n != null) {
          n.tell(new KadNode.DatagramReceived(d.from(), d.payload()));
        }
      }).toCompletableFuture();
      own = awaitDestination(started, created, identity.destinationKeys().isPresent(),
          config.getDuration("pekko-mule.run.transport-start-timeout"));
      started.whenComplete((d, err) -> {
        if (err != null && CoordinatedShutdown.get(system).getShutdownReason().isEmpty()) {
          LOG.warn("the {} transport gave up: {}", factory.name(), err.toString());
        } else if (err != null) {
          LOG.info("the {} transport closed before its first session", factory.name());
        } else {
          LOG.info("the {} transport is up", factory.name());
        }
      });
    } catch (java.util.concurrent.TimeoutException e) {
      created.transport().close();
      throw new TransportUnavailableException("the " + factory.name()
          + " transport did not come up within "
          + config.getDuration("pekko-mule.run.transport-start-timeout").toSeconds() + " s");
    }
    Optional<DestinationKeys> fresh = created.newKeys().get();
    if (identity.destinationKeys().isEmpty() && fresh.isPresent()) {
      identity = await(IdentityStore.storeDestinationKeys(system, fresh.get()), askTimeout);
    }

    // recovery: downtime ageing, then the surviving contacts
    NodeStore store = NodeStore.get(system);
    ActorRef<RoutingBuckets.Command> buckets = store.buckets();
    RecoveryReport recovered = await(AskPattern.ask(buckets,
        r -> new RoutingBuckets.ApplyDowntime(java.time.Instant.now(), r), askTimeout,
        system.scheduler()), askTimeout.plusSeconds(5));
    LOG.info("recovered {} contacts ({} removed by a downtime of {})",
        recovered.contacts().size(), recovered.removed(), recovered.downtime());
    Set<KadId> acked = new HashSet<>();
    List<FileContact> start = new ArrayList<>();
    for (StoredContact c : recovered.contacts()) {
      acked.add(c.id());
      start.add(new FileContact(new Kad2Contact(c.kadVersion(), c.id(), c.dest()), c.udpKey(),
          Integer.toUnsignedLong(c.udpKeyReceivedOn()), c.verified()));
    }
    List<io.pekkomule.protocol.contact.KadContact> bootstrapOnly = new ArrayList<>();
    boolean markAll = false;
    Optional<Path> file = options.bootstrapFile();
    Path defaultNodes = Path.of(config.getString("pekko-mule.kad.nodes-file"));
    if (file.isEmpty() && start.isEmpty() && Files.isRegularFile(defaultNodes)) {
      file = Optional.of(defaultNodes);
    }
    if (file.isPresent()) {
      NodesDat.Import imp = NodesDat.read(file.get()).importFor(identity.kadId(), own);
      start.addAll(imp.routing());
      imp.bootstrap().forEach(k -> bootstrapOnly.add(io.pekkomule.protocol.contact.KadContact.of(k)));
      LOG.info("bootstrap file {}: {} contacts, {} bootstrap-only", file.get(),
          imp.routing().size(), imp.bootstrap().size());
    }
    if (start.isEmpty() && bootstrapOnly.isEmpty()) {
      start.addAll(created.bootstrap());
      markAll = !created.bootstrap().isEmpty();
    }

    // shaper graph, node, persistence mirror
    Shaper shaper = Shaper.builder(system, shaperSettings, created.transport())
        .meterRegistry(registry).start();
    int version = config.getInt("pekko-mule.kad.version");
    KadIdentity kadIdentity = new KadIdentity(identity.kadId(), own, own,
        (int) identity.udpVerifySecret(), version);
    KadNodeDeps deps = new KadNodeDeps(shaper.input()::offer, InstantSource.system(),
        new java.security.SecureRandom().nextLong(), new KadMetrics(registry), dedupe(start),
        markAll, bootstrapOnly);
    // the stored index: recovered entries go back into the node's store, accepted ones are mirrored
    java.time.Instant startedAt = java.time.Instant.now();
    List<io.pekkomule.persistence.index.IndexEntry> indexed = await(AskPattern.ask(store.index(),
        r -> new io.pekkomule.persistence.index.StoredIndex.GetLive(startedAt, r), askTimeout,
        system.scheduler()), askTimeout.plusSeconds(5));
    List<io.pekkomule.node.kad.index.IndexStore.Accepted> restored = new ArrayList<>();
    indexed.forEach(e -> IndexMirror.fromEntry(e).ifPresent(restored::add));
    LOG.info("recovered {} index entries", restored.size());
    IndexMirror.Stats indexStats = new IndexMirror.Stats();
    ActorRef<IndexMirror.Command> indexMirror = system.systemActorOf(IndexMirror.create(
        store.index(), InstantSource.system(), indexed,
        config.getInt("pekko-mule.run.index-max-writes-per-second"),
        config.getInt("pekko-mule.run.persist-queue-max"),
        config.getDuration("pekko-mule.run.index-expire-every"), askTimeout, registry, indexStats),
        "index-mirror", Props.empty());
    deps = deps.withIndexJournal(IndexMirror.journal(indexMirror, restored));
    // our shared files and their publication schedule: republishing resumes where it was
    io.pekkomule.persistence.index.PublicationsState publications = await(AskPattern.ask(
        store.publications(), io.pekkomule.persistence.index.OwnPublications.GetAll::new,
        askTimeout, system.scheduler()), askTimeout.plusSeconds(5));
    io.pekkomule.node.kad.search.PublicationJournal.Recovered resumed =
        PublicationsStore.recover(publications);
    LOG.info("recovered {} shared files", resumed.files().size());
    deps = deps.withPublicationJournal(new PublicationsStore(store.publications(),
        system.ignoreRef(), resumed));
    KadNodeSettings nodeSettings = KadNodeSettings.defaults(kadIdentity);
    io.pekkomule.node.kad.search.CoverPlanner.Config cover =
        io.pekkomule.node.kad.search.CoverPlanner.Config.fromConfig(config);
    if (cover != null) {
      nodeSettings = nodeSettings.withPublishing(nodeSettings.publishing().withCover(cover));
    }
    ActorRef<KadNode.Command> node = KadNode.init(system, "kad-node", nodeSettings, deps);
    RoutingMirror.Stats mirrorStats = new RoutingMirror.Stats();
    ActorRef<Object> mirror = system.systemActorOf(RoutingMirror.create(buckets,
        InstantSource.system(), acked, config.getInt("pekko-mule.run.persist-max-writes-per-second"),
        config.getInt("pekko-mule.run.persist-queue-max"),
        config.getDuration("pekko-mule.run.checkpoint-every"), askTimeout, registry, mirrorStats),
        "routing-mirror", Props.empty());
    node.tell(new KadNode.WatchRouting(mirror.<RoutingEffect>narrow()));
    nodeRef[0] = node;

    // management API
    ApiEvents events = ApiEvents.create(system,
        config.getInt("pekko-mule.management.events.buffer"));
    // shaper alarms: checked on a timer, raised/cleared into the API's events
    io.pekkomule.node.shaper.ShaperAlarms alarms = new io.pekkomule.node.shaper.ShaperAlarms(
        io.pekkomule.node.shaper.ShaperAlarms.Settings.fromConfig(config), shaperSettings,
        shaper.metrics(), t -> {
          LOG.warn("shaper alarm {} {}: {}", t.alarm(), t.raised() ? "raised" : "cleared",
              t.message());
          events.publish(io.pekkomule.node.api.ApiEvent.of(t));
        }, false); // the shaper's cover slots have no generator: cover is CoverLookups'
    if (alarms.settings().enabled()) {
      Duration every = alarms.settings().checkEvery();
      system.scheduler().scheduleAtFixedRate(every, every,
          () -> alarms.evaluate(java.time.Instant.now()), system.executionContext());
    }
    KadNodeView view = KadNodeView.builder(system, node, IdentityView.of(identity), created.view())
        .events(events).shaperSettings(shaperSettings).shaperAlarms(alarms)
        .askTimeout(config.getDuration("pekko-mule.management.ask-timeout"))
        .persistence(() -> AskPattern.<Object, Set<KadId>>ask(mirror,
            RoutingMirror.GetAcknowledged::new, askTimeout, system.scheduler())
            .thenCombine(AskPattern.<IndexMirror.Command, List<String>>ask(indexMirror,
                IndexMirror.GetAcknowledged::new, askTimeout, system.scheduler())
                .thenCombine(AskPattern.<KadNode.Command, Set<String>>ask(node,
                    KadNode.ListIndex::new, askTimeout, system.scheduler()),
                    // acknowledged by the journal and held by the node's index
                    (ackedSlots, held) -> ackedSlots.stream().filter(held::contains).toList()),
                (ids, slots) -> new io.pekkomule.node.api.PersistenceView(
                JournalConfig.dialect(config).name().toLowerCase(java.util.Locale.ROOT),
                ids.size(), mirrorStats.pending(),
                ids.stream().map(KadId::toHex).sorted().toList(), slots.size(), slots)))
        .build();
    ServerBinding binding = await(ManagementServer.start(system, config, dataDir, view, view,
        registry), Duration.ofSeconds(30));
    String url = ManagementServer.dashboardUrl(binding);

    installShutdown(system, config, binding, view, created, shaper, mirror, indexMirror, buckets,
        identity, own, dataDir, events, askTimeout);
    out.accept("dashboard: " + url);
    return new Running(system, binding, url, identity);
  }

  /**
   * Our destination as soon as it is known: when the first session is up, or earlier when the
   * transport already has its destination (and, on a first start, the keys to store) while its
   * tunnels are still being built — the node and its API then start at once, reporting the
   * transport as down (not ready) until it is up, and intents wait or expire in the shaper.
   */
  private static I2pDestination awaitDestination(CompletableFuture<I2pDestination> started,
      TransportFactory.Created created, boolean keysStored, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return started.get(100, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException notYet) {
        Optional<I2pDestination> d = created.transport().ownDestination();
        if (d.isPresent() && (keysStored || created.newKeys().get().isPresent())) {
          return d.get();
        }
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof Exception ex ? ex : e;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static ActorRef<KadNode.Command>[] newRefHolder() {
    return (ActorRef<KadNode.Command>[]) new ActorRef[1];
  }

  /** One entry per KadID (the first wins), so a contact given twice is offered once. */
  private static List<FileContact> dedupe(List<FileContact> all) {
    Map<KadId, FileContact> m = new LinkedHashMap<>();
    for (FileContact f : all) {
      m.putIfAbsent(f.contact().id(), f);
    }
    return List.copyOf(m.values());
  }

  private static void installShutdown(ActorSystem<Void> system, Config config,
      ServerBinding binding, KadNodeView view, TransportFactory.Created created, Shaper shaper,
      ActorRef<Object> mirror, ActorRef<IndexMirror.Command> indexMirror,
      ActorRef<RoutingBuckets.Command> buckets, Identity identity,
      I2pDestination own, Path dataDir, ApiEvents events, Duration askTimeout) {
    CoordinatedShutdown cs = CoordinatedShutdown.get(system);
    Duration drain = config.getDuration("pekko-mule.run.drain-timeout");
    cs.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-new-work", () -> {
      view.stopAccepting("the node is stopping");
      created.stopReceiving().run();
      return binding.unbind().thenApply(x -> Done.getInstance());
    });
    cs.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "drain-replies", () -> {
      shaper.stop();
      return shaper.done().toCompletableFuture()
          .completeOnTimeout(Done.getInstance(), drain.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(t -> Done.getInstance());
    });
    cs.addTask(CoordinatedShutdown.PhaseServiceStop(), "persist-and-export", () -> {
      CompletionStage<Done> flushed = AskPattern.<Object, Done>ask(mirror,
          RoutingMirror.Flush::new, askTimeout, system.scheduler())
          .thenCombine(AskPattern.<IndexMirror.Command, Done>ask(indexMirror,
              IndexMirror.Flush::new, askTimeout, system.scheduler()), (a, b) -> a);
      return flushed.exceptionally(t -> {
        LOG.warn("routing writes not flushed: {}", t.toString());
        return Done.getInstance();
      }).thenCompose(d -> AskPattern.<RoutingBuckets.Command, RecoveryReport>ask(buckets,
          RoutingBuckets.GetContacts::new, askTimeout, system.scheduler()))
          .thenApply(report -> {
            try {
              Path f = NodesExport.write(dataDir.resolve("nodes.dat"), identity, own,
                  config.getInt("pekko-mule.kad.version"), report.contacts());
              LOG.info("wrote {}", f);
            } catch (IOException e) {
              LOG.warn("nodes.dat not written: {}", e.toString());
            }
            return Done.getInstance();
          })
          .exceptionally(t -> {
            LOG.warn("nodes.dat not written: {}", t.toString());
            return Done.getInstance();
          });
    });
    cs.addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "close-transport", () -> {
      events.close();
      created.transport().close();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
  }

  /** Loads the bundled defaults alone (tests). */
  static Config defaults() {
    return ConfigFactory.load();
  }
}
