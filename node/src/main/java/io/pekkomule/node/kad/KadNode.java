package io.pekkomule.node.kad;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.index.IndexStore;
import io.pekkomule.node.kad.search.CoverLookups;
import io.pekkomule.node.kad.search.Publisher;
import io.pekkomule.node.kad.search.SearchEvent;
import io.pekkomule.node.kad.search.SearchPhase;
import io.pekkomule.node.kad.search.SearchRequest;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One Kad node: the guardian that wires its subsystems and nothing else. Children: the
 * {@link Dispatcher} (every datagram in and out), the {@link RoutingActor} (the routing table,
 * with one bucket actor per zone) and {@link Lookups} (one actor per lookup). The transport
 * delivers datagrams with {@link DatagramReceived}; everything the node sends leaves through the
 * shaper port in {@link KadNodeDeps}.
 */
public final class KadNode {
  private KadNode() {}

  public interface Command {}

  /**
   * Contacts our searches ask for in each REQ: 0 = the type's own count, iMule's 2 for FILE,
   * KEYWORD, NOTES. The count is visible to the node asked, so the default is iMule's (contract
   * first law). With 2 a search's answering nodes are only about half the replicas (lab: replica
   * overlap 0.51 at 1,000 nodes, 0.97 with 11); {@code -Dpekko-mule.search.request-count=11} is a
   * lab-only experiment that makes the node distinguishable (docs/kad-node.md).
   */
  static final int SEARCH_REQUEST_COUNT = Integer.getInteger("pekko-mule.search.request-count", 0);

  /**
   * Exploration REQs of search, publish and cover lookups ({@link LookupConfig#explore}): up to 8
   * count-2/4 REQs to routing-table contacts far from the key, one per step, after the lookup has
   * nothing closer to ask. Lab, 300 nodes, seed 1: publish reach 0.8/0.6 to 0.9/0.7, replica
   * overlap 0.78 to 0.85, requests per store lookup 26 to 36 (docs/benchmarks.md).
   * {@code -Dpekko-mule.lookup.explore=0} gives iMule's plain lookup.
   */
  public static final int DATA_EXPLORE = Integer.getInteger("pekko-mule.lookup.explore", 8);

  /**
   * Exploration REQs of publish lookups (real and cover): none. Harness H10 (docs/kad-node.md;
   * benchmarks.md, "Lookup shape (H10)") showed that store lookups exploring far contacts send a quarter of their
   * count-4 REQs to nodes ranked 100+ from the key, where iMule's store lookups send none (300
   * nodes: KS D 0.30, p 0.000; about 29 of one sender's REQs tell it apart), so publishes ask
   * exactly the nodes iMule's would. Searches keep {@link #DATA_EXPLORE}: iMule's own searches
   * reach that far as often (H10 p 0.72). {@code -Dpekko-mule.publish.explore=N} is a lab-only
   * experiment that makes the node distinguishable.
   */
  public static final int STORE_EXPLORE = Integer.getInteger("pekko-mule.publish.explore", 0);

  /**
   * The inbound entry point: one datagram from the transport, with its sender (I2P: the signed
   * sender destination; it must be of the node's dialect's address family).
   */
  public record DatagramReceived(Endpoint from, byte[] datagram) implements Command {}

  /** Run a lookup; {@code replyTo} gets exactly one outcome. */
  public record StartLookup(LookupActor.Spec spec, ActorRef<LookupOutcome> replyTo)
      implements Command {}

  public record GetRouting(ActorRef<RoutingSnapshot> replyTo) implements Command {}

  /** Start publishing a shared file (source, then keywords, notes), republished from then on. */
  public record Share(SharedFile file, ActorRef<Publisher.Shared> replyTo) implements Command {
    public Share(SharedFile file) {
      this(file, null);
    }
  }

  /** Tell {@code watcher} the end of every publish job from now on. */
  public record WatchPublications(ActorRef<Publisher.JobFinished> watcher) implements Command {}

  /** Our shared files with their publish items and next due times. */
  public record ListPublications(ActorRef<Publisher.Publications> replyTo) implements Command {}

  /** Stop publishing a file. */
  public record Unshare(KadId fileId) implements Command {}

  /**
   * Run a search: {@code replyTo} gets each result as it arrives ({@link SearchEvent.Result}),
   * then exactly one {@link SearchEvent.Done}. (The HTTP API will subscribe the same way.)
   */
  public record Search(SearchRequest request, ActorRef<SearchEvent> replyTo) implements Command {}

  /** Whether this node's index holds an entry (lab oracle, tests). */
  public record QueryIndex(IndexStore.Kind kind, KadId key, KadId entryId,
      ActorRef<Boolean> replyTo) implements Command {}

  /** Every live entry of this node's index as {@code KIND/key/entry} (management API). */
  public record ListIndex(ActorRef<java.util.Set<String>> replyTo) implements Command {}

  /** The full routing table (zones, bins, replacement caches) for the management API. */
  public record GetTable(ActorRef<io.pekkomule.node.kad.routing.TableView> replyTo)
      implements Command {}

  /** {@code watcher} receives the routing table's state effects from now on (persistence, API). */
  public record WatchRouting(ActorRef<io.pekkomule.node.kad.routing.RoutingEffect> watcher)
      implements Command {}

  /** Offer a contact to the routing table (checked before it counts). */
  public record AddContact(io.pekkomule.protocol.contact.KadContact contact) implements Command {}

  /**
   * Starts a node under the system's guardian and returns its entry point (what {@code Main}'s
   * {@code init(system, deps)} calls).
   */
  public static ActorRef<Command> init(ActorSystem<?> system, String name,
      KadNodeSettings settings, KadNodeDeps deps) {
    return system.systemActorOf(create(settings, deps), name, Props.empty());
  }

  public static Behavior<Command> create(KadNodeSettings settings, KadNodeDeps deps) {
    return Behaviors.setup(ctx -> {
      SplittableRandom seeds = new SplittableRandom(deps.seed());
      ActorRef<Dispatcher.Command> dispatcher = ctx.spawn(
          Dispatcher.create(settings.dialect(), settings.identity(), settings.dispatch(), deps.shaper(),
              deps.metrics(), deps.clock(), seeds.nextLong(), deps.indexJournal()), "dispatcher");
      ActorRef<RoutingActor.Command> routing = ctx.spawn(
          RoutingActor.create(settings.dialect(), settings.identity(), settings.routing(), settings.lookups(),
              dispatcher, deps.clock(), seeds.nextLong()), "routing");
      ActorRef<Lookups.Command> lookups = ctx.spawn(
          Lookups.create(settings.dialect(), settings.identity(), routing, dispatcher, deps.clock(), deps.metrics(),
              settings.maxConcurrentLookups(), seeds.nextLong()), "lookups");
      long publisherSeed = seeds.nextLong();
      long coverSeed = seeds.nextLong();
      ActorRef<CoverLookups.Command> cover = settings.publishing().cover() == null ? null
          : ctx.spawn(CoverLookups.create(settings.publishing().cover(),
              settings.lookups().withRequestCount(SEARCH_REQUEST_COUNT).withExplore(DATA_EXPLORE),
              settings.identity(),
              Publisher.userHashOf(settings.identity()), settings.publishing().lookups(),
              to -> dispatcher.tell(new Dispatcher.CoverVocabulary(to)),
              lookups, deps.clock(), coverSeed), "cover");
      ActorRef<Publisher.Command> publisher = ctx.spawn(
          Publisher.create(settings.dialect(), settings.identity(),
              Publisher.userHashOf(settings.identity()), settings.publishing(), lookups,
              deps.clock(), publisherSeed, deps.publicationJournal(), cover), "publisher");
      dispatcher.tell(new Dispatcher.Connect(routing));
      dispatcher.tell(new Dispatcher.ConnectLookups(lookups));
      routing.tell(new RoutingActor.Connect(lookups));
      routing.tell(new RoutingActor.Bootstrap(deps.bootstrap(), deps.markAllVerified(),
          deps.bootstrapOnly()));
      return Behaviors.receive(Command.class)
          .onMessage(DatagramReceived.class, d -> {
            dispatcher.tell(new Dispatcher.DatagramReceived(d.from(), d.datagram()));
            return Behaviors.same();
          })
          .onMessage(StartLookup.class, s -> {
            lookups.tell(new Lookups.Start(s.spec(), s.replyTo()));
            return Behaviors.same();
          })
          .onMessage(AddContact.class, a -> {
            routing.tell(new RoutingActor.AddContact(a.contact()));
            return Behaviors.same();
          })
          .onMessage(WatchRouting.class, w -> {
            routing.tell(new RoutingActor.Watch(w.watcher()));
            return Behaviors.same();
          })
          .onMessage(Share.class, sh -> {
            publisher.tell(new Publisher.Share(sh.file(), sh.replyTo()));
            return Behaviors.same();
          })
          .onMessage(WatchPublications.class, w -> {
            publisher.tell(new Publisher.Watch(w.watcher()));
            return Behaviors.same();
          })
          .onMessage(ListPublications.class, l -> {
            publisher.tell(new Publisher.ListPublications(l.replyTo()));
            return Behaviors.same();
          })
          .onMessage(Unshare.class, u -> {
            publisher.tell(new Publisher.Unshare(u.fileId()));
            return Behaviors.same();
          })
          .onMessage(Search.class, s -> {
            SearchRequest r = s.request();
            ActorRef<SearchEvent> to = s.replyTo();
            lookups.tell(new Lookups.Start(new LookupActor.Spec(r.type(), r.target(),
                settings.lookups().withRequestCount(SEARCH_REQUEST_COUNT).withExplore(DATA_EXPLORE), UrgencyClass.INTERACTIVE,
                Origin.LOOKUP,
                new SearchPhase(r, to::tell)), ctx.getSystem().ignoreRef()));
            if (cover != null) {
              cover.tell(CoverLookups.Own.INSTANCE);
            }
            return Behaviors.same();
          })
          .onMessage(QueryIndex.class, q -> {
            dispatcher.tell(new Dispatcher.QueryIndex(q.kind(), q.key(), q.entryId(), q.replyTo()));
            return Behaviors.same();
          })
          .onMessage(ListIndex.class, l -> {
            dispatcher.tell(new Dispatcher.ListIndex(l.replyTo()));
            return Behaviors.same();
          })
          .onMessage(GetRouting.class, g -> {
            routing.tell(new RoutingActor.GetSnapshot(g.replyTo()));
            return Behaviors.same();
          })
          .onMessage(GetTable.class, g -> {
            routing.tell(new RoutingActor.GetTable(g.replyTo()));
            return Behaviors.same();
          })
          .build();
    });
  }
}
