package io.pekkomule.node.kad.routing;

import io.pekkomule.node.kad.dispatch.Dispatcher;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.wire.Cadence;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.InboundMeta;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.Outgoing;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.KadMessage;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The shell around the pure {@link RoutingTable}: it feeds the table every routing-relevant
 * packet the dispatcher accepted, answers the requests that need the table (HELLO, REQ,
 * BOOTSTRAP), runs the verification handshakes (spec §8) and turns the table's effects into
 * packets, lookups and bucket actors.
 *
 * <p>Handshake, as iMule expects it: our first HELLO_REQ to a peer carries no valid receiver key
 * (so an iMule peer asks for an ACK); a HELLO_REQ from a version-8 peer we added or updated
 * without a valid receiver key is answered by a HELLO_RES carrying KADMISCOPTIONS 0x04, and its
 * HELLO_RES_ACK (receiver-key encrypted, within 180 s) verifies it; a HELLO_RES asking for 0x04
 * gets our HELLO_RES_ACK. Version 7 is challenged by PING/PONG, versions below by the legacy REQ
 * with a random target (Kad1 REQ below version 2).
 *
 * <p>Owns one {@link BucketActor} per leaf zone, kept in step with the tree after every event
 * that can split or merge zones.
 */
public final class RoutingActor extends AbstractBehavior<RoutingActor.Command> {

  public interface Command {}

  /** A packet the dispatcher accepted from {@code from}; each one counts as "a packet arrived". */
  public interface FromPeer extends Command {
    Endpoint from();
  }

  /** HELLO_REQ (Kad2, or Kad1 with {@code kad1}; a Kad1 sender comes as version 0). */
  public record HelloRequested(Endpoint from, KadContact sender, boolean kad1,
      InboundMeta meta) implements FromPeer {}

  /** HELLO_RES answering our HELLO_REQ. */
  public record HelloAnswered(Endpoint from, KadContact sender, boolean kad1,
      boolean ackRequested, InboundMeta meta) implements FromPeer {}

  /** HELLO_RES_ACK with a valid receiver key, answering our HELLO_RES. */
  public record HelloAcknowledged(Endpoint from, KadId sender) implements FromPeer {}

  /** REQ whose check id is ours. */
  public record NodesRequested(Endpoint from, KadId target, int count, boolean kad1,
      InboundMeta meta) implements FromPeer {}

  /** RES answering one of our REQs (a lookup's, or a legacy challenge). */
  public record NodesAnswered(Endpoint from, KadId target, List<KadContact> contacts,
      InboundMeta meta) implements FromPeer {}

  /** BOOTSTRAP_REQ; {@code kad1Sender} is the Kad1 requester's own contact (null for Kad2). */
  public record BootstrapRequested(Endpoint from, KadContact kad1Sender, InboundMeta meta)
      implements FromPeer {}

  /** BOOTSTRAP_RES; {@code sender} is the Kad2 responder (null for Kad1). */
  public record BootstrapAnswered(Endpoint from, KadContact sender,
      List<KadContact> contacts, InboundMeta meta) implements FromPeer {}

  public record PongReceived(Endpoint from) implements FromPeer {}

  /** Any other accepted packet (e.g. a PING the dispatcher answered). */
  public record PacketSeen(Endpoint from) implements FromPeer {}

  /**
   * nodes.dat (or the lab's seed list) after iMule's reading rules: {@code contacts} enter the
   * table; {@code bootstrapOnly} (a v3 bootstrap edition) are only asked for BOOTSTRAP_RES.
   */
  public record Bootstrap(List<FileContact> contacts, boolean markAllVerified,
      List<KadContact> bootstrapOnly) implements Command {}

  /** Wiring, sent once by the node guardian at start. */
  public record Connect(ActorRef<Lookups.Command> lookups) implements Command {}

  /** Lookup seeds for a target (iMule's {@code CSearch::Go}). */
  public record GetSeeds(KadId target, ActorRef<Seeds> replyTo) implements Command {}

  /**
   * @param far exploration candidates ({@link RoutingTable#exploreSeeds}), empty unless asked for
   */
  public record Seeds(KadId target, List<KadContact> contacts, List<KadContact> far) {
    public Seeds(KadId target, List<KadContact> contacts) {
      this(target, contacts, List.of());
    }
  }

  /** Seeds plus up to {@code far} exploration candidates {@code bits} wider than our 10th contact. */
  public record GetExploreSeeds(KadId target, int far, int bits, ActorRef<Seeds> replyTo)
      implements Command {}

  public record GetSnapshot(ActorRef<RoutingSnapshot> replyTo) implements Command {}

  /** Every zone with its contacts and replacement cache (operators' view). */
  public record GetTable(ActorRef<TableView> replyTo) implements Command {}

  /**
   * Observe the table: {@code watcher} first receives one {@code ContactAdded} per contact in the
   * table now, then every state effect (contact added,
   * updated, verified, removed, cached, and the keep-alive {@code SendHello} that follows a class
   * change), in the order the table produced them. Used by the persistence mirror and the API's
   * event stream; a stopped watcher is forgotten.
   */
  public record Watch(ActorRef<RoutingEffect> watcher) implements Command {}

  /**
   * An operator (or test) names a contact: it is offered to the table like a RES entry, so it is
   * checked before it counts (a HELLO handshake for version 8).
   */
  public record AddContact(KadContact contact) implements Command {}

  /** A bucket actor's timer fired. */
  record ZoneTimerDue(ZoneKey zone, boolean big) implements Command {}

  private record MaintenanceLookupDone(LookupOutcome outcome) implements Command {}

  private record Unwatch(ActorRef<RoutingEffect> watcher) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private enum BootstrapTick implements Command {
    INSTANCE
  }

  /** iMule's bootstrap cadence: one BOOTSTRAP_REQ per 15 s while sparse, 2 s while empty. */
  static final Duration BOOTSTRAP_SPARSE = Duration.ofSeconds(15);
  static final Duration BOOTSTRAP_EMPTY = Duration.ofSeconds(2);
  /** "Connected" = a packet within 20 min (KADEMLIADISCONNECTDELAY). */
  static final long DISCONNECTED_AFTER = Duration.ofMinutes(20).toMillis();
  private static final Duration TICK_MIN = Duration.ofSeconds(1);
  private static final Duration TICK_MAX = Duration.ofSeconds(30);

  private record LegacyChallenge(KadId id, KadId target, long at) {}

  private final KadDialect dialect;
  private final KadIdentity self;
  private final RoutingTable table;
  private final LookupConfig maintenanceLookups;
  private final ActorRef<Dispatcher.Command> dispatcher;
  private final InstantSource clock;
  private final SplittableRandom random;
  private final Cadence cadence;
  private final TimerScheduler<Command> timers;
  /**
   * The bucket actors, one per leaf zone, in the table's leaf order: two small arrays rather than
   * a map (a node has a few dozen; a lab thousands of nodes). Each key is the one its bucket holds.
   */
  private ZoneKey[] bucketKeys = new ZoneKey[0];
  private List<ActorRef<BucketActor.Command>> bucketRefs = List.of();
  private final Map<Endpoint, LegacyChallenge> legacy = new HashMap<>();
  private final ActorRef<LookupOutcome> maintenanceOutcomes;
  private final List<ActorRef<RoutingEffect>> watchers = new ArrayList<>();
  private ActorRef<Lookups.Command> lookups;
  private List<KadContact> bootstrapList = List.of();
  private int bootstrapNext;
  private long lastPacket;
  private long shapeVersion = -1;
  private boolean publishing;
  private long bucketSerial;

  /** A routing actor of the iMule dialect. */
  public static Behavior<Command> create(KadIdentity self, RoutingConfig config,
      LookupConfig maintenanceLookups, ActorRef<Dispatcher.Command> dispatcher,
      InstantSource clock, long seed) {
    return create(KadDialect.IMULE, self, config, maintenanceLookups, dispatcher, clock, seed);
  }

  public static Behavior<Command> create(KadDialect dialect, KadIdentity self,
      RoutingConfig config, LookupConfig maintenanceLookups,
      ActorRef<Dispatcher.Command> dispatcher, InstantSource clock, long seed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new RoutingActor(ctx, timers, dialect, self, config, maintenanceLookups, dispatcher,
            clock, seed)));
  }

  private RoutingActor(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      KadDialect dialect, KadIdentity self, RoutingConfig config, LookupConfig maintenanceLookups,
      ActorRef<Dispatcher.Command> dispatcher, InstantSource clock, long seed) {
    super(ctx);
    this.dialect = dialect;
    if (!config.zoneTimersExternal()) {
      throw new IllegalArgumentException("the actor shell drives zone timers through buckets");
    }
    this.timers = timers;
    this.self = self;
    this.maintenanceLookups = maintenanceLookups;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.random = new SplittableRandom(seed);
    this.cadence = new Cadence(random.split(), 0.15);
    this.table = new RoutingTable(self.id(), self.udpHash(), config, clock, random.split());
    this.maintenanceOutcomes =
        ctx.messageAdapter(LookupOutcome.class, MaintenanceLookupDone::new);
    syncBuckets();
    scheduleTick();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromPeer.class, this::onPeer)
        .onMessage(Bootstrap.class, this::onBootstrap)
        .onMessage(Connect.class, c -> {
          lookups = c.lookups();
          return this;
        })
        .onMessage(GetSeeds.class, this::onGetSeeds)
        .onMessage(GetExploreSeeds.class, this::onGetExploreSeeds)
        .onMessage(GetSnapshot.class, this::onGetSnapshot)
        .onMessage(GetTable.class, g -> {
          g.replyTo().tell(new TableView(self.id(), clock.millis(), table.leaves()));
          return this;
        })
        .onMessage(Watch.class, w -> {
          // a new watcher first learns the table as it is: one ContactAdded per contact
          for (RoutingContact c : table.contacts()) {
            w.watcher().tell(new RoutingEffect.ContactAdded(c, false));
          }
          watchers.add(w.watcher());
          getContext().watchWith(w.watcher(), new Unwatch(w.watcher()));
          return this;
        })
        .onMessage(Unwatch.class, u -> {
          watchers.remove(u.watcher());
          return this;
        })
        .onMessage(AddContact.class, a -> {
          apply(table.handle(new RoutingEvent.ContactSeen(a.contact(), UdpKey.EMPTY, false,
              ContactSource.RES_ENTRY)), null);
          syncBuckets();
          return this;
        })
        .onMessage(ZoneTimerDue.class, this::onZoneTimer)
        .onMessage(MaintenanceLookupDone.class, this::onMaintenanceLookupDone)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(BootstrapTick.INSTANCE, this::onBootstrapTick)
        .build();
  }

  // ------------------------------------------------------------------ inbound

  private Behavior<Command> onPeer(FromPeer p) {
    long now = clock.millis();
    lastPacket = now;
    boolean wasEmpty = table.size() == 0;
    table.handle(new RoutingEvent.PacketReceived());
    KadMessage firstHello = wasEmpty ? dialect.emptyTableHello(self) : null;
    if (firstHello != null) {
      // iMule: a packet reaching an empty table makes it say hello (Kad1) to the sender
      send(Outgoing.plain(firstHello, p.from(), UrgencyClass.ROUTINE, Origin.ROUTING));
    }
    if (p instanceof HelloRequested h) {
      onHelloRequested(h);
    } else if (p instanceof HelloAnswered h) {
      onHelloAnswered(h);
    } else if (p instanceof HelloAcknowledged a) {
      apply(table.handle(new RoutingEvent.ContactVerified(a.sender(), a.from())), null);
    } else if (p instanceof NodesRequested r) {
      onNodesRequested(r);
    } else if (p instanceof NodesAnswered r) {
      onNodesAnswered(r);
    } else if (p instanceof BootstrapRequested b) {
      onBootstrapRequested(b);
    } else if (p instanceof BootstrapAnswered b) {
      onBootstrapAnswered(b);
    } else if (p instanceof PongReceived pong) {
      table.findByDestination(pong.from()).ifPresent(c ->
          apply(table.handle(new RoutingEvent.ContactVerified(c.id(), pong.from())), null));
    }
    syncBuckets();
    return this;
  }

  private UdpKey keyOf(InboundMeta meta) {
    if (meta.senderVerifyKey() == 0) {
      return UdpKey.EMPTY;
    }
    return new UdpKey(meta.senderVerifyKey(), self.udpHash());
  }

  private void onHelloRequested(HelloRequested h) {
    KadContact sender = h.sender();
    boolean verified = h.meta().validReceiverKey() && sender.endpoint().equals(h.from());
    List<RoutingEffect> effects = table.handle(
        new RoutingEvent.ContactSeen(sender, keyOf(h.meta()), verified, ContactSource.HELLO));
    boolean addedOrUpdated = effects.stream().anyMatch(e ->
        (e instanceof RoutingEffect.ContactAdded a && a.contact().id().equals(sender.id()))
            || (e instanceof RoutingEffect.ContactUpdated u
                && u.contact().id().equals(sender.id())));
    if (h.kad1()) {
      send(Outgoing.reply(dialect.helloRes(self, true, false), h.from(),
          h.meta().senderVerifyKey()));
      apply(effects, null);
      return;
    }
    // iMule asks for the three-way ACK from version-8 peers it added or updated without proof
    boolean ackWanted = sender.version() >= 8 && addedOrUpdated
        && !h.meta().validReceiverKey();
    send(new Outgoing(dialect.helloRes(self, false, ackWanted), h.from(),
        sender.version() >= 6 ? sender.id() : null, h.meta().senderVerifyKey(),
        UrgencyClass.INTERACTIVE, Origin.REPLY, Outgoing.REPLY_DEADLINE));
    apply(effects, ackWanted ? sender.id() : null);
  }

  private void onHelloAnswered(HelloAnswered h) {
    KadContact sender = h.sender();
    boolean verified = h.meta().validReceiverKey() && sender.endpoint().equals(h.from());
    List<RoutingEffect> effects = table.handle(
        new RoutingEvent.ContactSeen(sender, keyOf(h.meta()), verified, ContactSource.HELLO));
    if (!h.kad1() && h.ackRequested() && sender.version() >= 8
        && h.meta().senderVerifyKey() != 0) {
      send(Outgoing.reply(dialect.helloResAck(self), h.from(), h.meta().senderVerifyKey()));
    }
    // this HELLO_RES answered our hello: asking again would not prove more
    apply(effects, sender.id());
  }

  private void onNodesRequested(NodesRequested r) {
    List<KadContact> out = new ArrayList<>();
    for (RoutingContact c : table.closestForResponse(r.target(),
        Math.min(r.count(), dialect.nodesResMax(r.kad1())))) {
      out.add(c.toContact());
    }
    send(Outgoing.reply(dialect.nodesRes(r.target(), out, r.kad1()), r.from(),
        r.meta().senderVerifyKey()));
  }

  private void onNodesAnswered(NodesAnswered r) {
    LegacyChallenge c = legacy.get(r.from());
    if (c != null && c.target().equals(r.target())) {
      legacy.remove(r.from());
      apply(table.handle(new RoutingEvent.ContactVerified(c.id(), r.from())), null);
      return;
    }
    List<KadContact> acceptable = new ArrayList<>(r.contacts().size());
    for (KadContact k : r.contacts()) {
      if (!k.id().equals(self.id()) && !k.endpoint().equals(self.endpoint())
          && table.isAcceptable(k)) {
        acceptable.add(k);
      }
    }
    for (KadContact k : r.contacts()) {
      apply(table.handle(new RoutingEvent.ContactSeen(k, UdpKey.EMPTY, false,
          ContactSource.RES_ENTRY)), null);
    }
    if (lookups != null) {
      lookups.tell(new Lookups.NodesArrived(r.from(), r.target(), acceptable));
    }
  }

  private void onBootstrapRequested(BootstrapRequested b) {
    boolean kad1 = b.kad1Sender() != null;
    if (kad1) {
      apply(table.handle(new RoutingEvent.ContactSeen(b.kad1Sender(), UdpKey.EMPTY, false,
          ContactSource.RES_ENTRY)), null);
    }
    List<KadContact> out = new ArrayList<>();
    for (RoutingContact c : handedOut(dialect.bootstrapResMax(kad1))) {
      out.add(c.toContact());
    }
    send(Outgoing.reply(dialect.bootstrapRes(self, out, kad1), b.from(),
        b.meta().senderVerifyKey()));
  }

  /** A bootstrap sample of verified, not-dead contacts: we hand out nothing unproven. */
  private List<RoutingContact> handedOut(int max) {
    List<RoutingContact> out = new ArrayList<>(max);
    for (RoutingContact c : table.bootstrapContacts(Integer.MAX_VALUE)) {
      if (c.verified() && c.type() < KadConstants.TYPE_DEAD) {
        out.add(c);
        if (out.size() == max) {
          break;
        }
      }
    }
    return out;
  }

  private void onBootstrapAnswered(BootstrapAnswered b) {
    if (b.sender() != null) {
      boolean verified = b.meta().validReceiverKey();
      apply(table.handle(new RoutingEvent.ContactSeen(b.sender(), keyOf(b.meta()), verified,
          ContactSource.BOOTSTRAP_SENDER)), b.sender().id());
    }
    for (KadContact k : b.contacts()) {
      apply(table.handle(new RoutingEvent.ContactSeen(k, UdpKey.EMPTY, false,
          ContactSource.RES_ENTRY)), null);
    }
  }

  // ------------------------------------------------------------------ effects

  /**
   * Carries out the table's effects. {@code covered} names a contact whose HELLO_ACK challenge is
   * already under way (our HELLO_RES asked it for an ACK, or it just answered our hello).
   */
  private void apply(List<RoutingEffect> effects, KadId covered) {
    for (RoutingEffect e : effects) {
      if (!watchers.isEmpty() && watched(e)) {
        for (ActorRef<RoutingEffect> w : watchers) {
          w.tell(e);
        }
      }
      if (e instanceof RoutingEffect.Challenge c) {
        if (c.kind() == ChallengeKind.HELLO_ACK && c.contact().id().equals(covered)) {
          continue;
        }
        challenge(c.contact(), c.kind());
      } else if (e instanceof RoutingEffect.SendHello h) {
        hello(h.contact(), h.kind());
      } else if (e instanceof RoutingEffect.StartLookup s) {
        startLookup(s.target(), s.purpose());
      } else if (e instanceof RoutingEffect.RefreshDeferred d) {
        ActorRef<BucketActor.Command> b = bucket(d.zone());
        if (b != null) {
          long wait = Math.max(1000, d.retryAtMillis() - clock.millis());
          b.tell(new BucketActor.RetryRefresh(cadence.between(Duration.ofMillis(wait),
              Duration.ofMillis(wait + 5000))));
        }
      }
      // Added / Updated / Refused / Cached / Removed / Verified: bookkeeping only
    }
  }

  private static boolean watched(RoutingEffect e) {
    return e instanceof RoutingEffect.ContactAdded || e instanceof RoutingEffect.ContactUpdated
        || e instanceof RoutingEffect.ContactVerified || e instanceof RoutingEffect.ContactRemoved
        || e instanceof RoutingEffect.CandidateCached || e instanceof RoutingEffect.SendHello;
  }

  private void challenge(RoutingContact c, ChallengeKind kind) {
    switch (kind) {
      case HELLO_ACK ->
          // no receiver key on our first hello, so an iMule peer asks us for the ACK (spec §8 ⚠)
          send(Outgoing.request(dialect.helloReq(self, false), c.dest(), c.id(),
              c.version(), 0, UrgencyClass.INTERACTIVE, Origin.ROUTING));
      case PING -> send(Outgoing.request(dialect.ping(), c.dest(), c.id(), c.version(),
          c.udpKey().valueFor(self.udpHash()), UrgencyClass.INTERACTIVE, Origin.ROUTING));
      case LEGACY_REQ -> {
        KadId target;
        do {
          target = KadId.random(random);
        } while (target.isZero());
        legacy.put(c.dest(), new LegacyChallenge(c.id(), target, clock.millis()));
        KadMessage req = dialect.legacyChallenge(self, c.toContact(), target);
        send(Outgoing.plain(req, c.dest(), UrgencyClass.INTERACTIVE, Origin.ROUTING));
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private void hello(RoutingContact c, HelloKind kind) {
    KadMessage kad2 = dialect.helloReq(self, false);
    KadMessage kad1 = dialect.helloReq(self, true);
    if (kad1 == null) {
      kind = kind == HelloKind.KAD2_ENCRYPTED ? kind : HelloKind.KAD2_PLAIN;
    }
    switch (kind) {
      case KAD2_ENCRYPTED -> send(Outgoing.request(kad2, c.dest(), c.id(), c.version(),
          c.udpKey().valueFor(self.udpHash()), UrgencyClass.ROUTINE, Origin.ROUTING));
      case KAD2_PLAIN -> send(Outgoing.plain(kad2, c.dest(), UrgencyClass.ROUTINE,
          Origin.ROUTING));
      case KAD1 -> send(Outgoing.plain(kad1, c.dest(), UrgencyClass.ROUTINE, Origin.ROUTING));
      case KAD1_WITH_KAD2_PROBE -> {
        send(Outgoing.plain(kad1, c.dest(), UrgencyClass.ROUTINE, Origin.ROUTING));
        send(Outgoing.plain(kad2, c.dest(), UrgencyClass.ROUTINE, Origin.ROUTING));
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private void startLookup(KadId target, LookupPurpose purpose) {
    if (lookups == null) {
      return;
    }
    LookupType type = purpose == LookupPurpose.SELF_LOOKUP ? LookupType.NODECOMPLETE
        : LookupType.NODE;
    lookups.tell(new Lookups.Start(new LookupActor.Spec(type, target, maintenanceLookups,
        UrgencyClass.ROUTINE, Origin.MAINTENANCE), maintenanceOutcomes));
  }

  private Behavior<Command> onMaintenanceLookupDone(MaintenanceLookupDone d) {
    LookupOutcome o = d.outcome();
    if (o.type() == LookupType.NODECOMPLETE && o.target().equals(self.id())
        && o.termination() != Termination.CANCELLED && o.results() > 0) {
      publishing = true; // iMule's SetPublish(true) after a self lookup with results
    }
    return this;
  }

  private void send(Outgoing o) {
    dispatcher.tell(new Dispatcher.Send(o));
  }

  // ------------------------------------------------------------------ maintenance

  private Behavior<Command> onBootstrap(Bootstrap b) {
    List<KadContact> list = new ArrayList<>(b.bootstrapOnly());
    for (FileContact f : b.contacts()) {
      UdpKey key = f.udpKey() == 0 ? UdpKey.EMPTY : new UdpKey(f.udpKey(), (int) f.udpKeyIp());
      KadContact fc = KadContact.of(f.contact());
      apply(table.handle(new RoutingEvent.ContactSeen(fc, key, f.verified(),
          ContactSource.NODES_DAT)), null);
      list.add(fc);
    }
    if (b.markAllVerified()) {
      apply(table.handle(new RoutingEvent.MarkAllVerified()), null);
    }
    bootstrapList = List.copyOf(list);
    bootstrapNext = 0;
    syncBuckets();
    timers.startSingleTimer(BootstrapTick.INSTANCE,
        cadence.between(Duration.ofMillis(200), Duration.ofSeconds(2)));
    return this;
  }

  /**
   * While the table is sparse (fewer than K contacts) or no packet came for 20 min, ask one
   * contact for a BOOTSTRAP_RES: every ~15 s, every ~2 s while the table is empty.
   */
  private Behavior<Command> onBootstrapTick() {
    long now = clock.millis();
    boolean disconnected = lastPacket == 0 || now - lastPacket > DISCONNECTED_AFTER;
    if (table.size() >= KadConstants.K && !disconnected) {
      timers.startSingleTimer(BootstrapTick.INSTANCE, cadence.next(BOOTSTRAP_SPARSE));
      return this;
    }
    KadContact to = nextBootstrapContact();
    if (to != null) {
      KadMessage req = dialect.bootstrapReq(self, to.version());
      send(Outgoing.request(req, to.endpoint(), to.id(), to.version(), 0,
          UrgencyClass.ROUTINE, Origin.MAINTENANCE));
    }
    timers.startSingleTimer(BootstrapTick.INSTANCE,
        cadence.next(table.size() == 0 ? BOOTSTRAP_EMPTY : BOOTSTRAP_SPARSE));
    return this;
  }

  private KadContact nextBootstrapContact() {
    if (bootstrapNext < bootstrapList.size()) {
      return bootstrapList.get(bootstrapNext++);
    }
    List<RoutingContact> all = table.contacts();
    if (!all.isEmpty()) {
      return all.get(random.nextInt(all.size())).toContact();
    }
    if (!bootstrapList.isEmpty()) {
      return bootstrapList.get(random.nextInt(bootstrapList.size()));
    }
    return null;
  }

  private Behavior<Command> onZoneTimer(ZoneTimerDue z) {
    apply(table.handle(z.big() ? new RoutingEvent.ZoneBigTimer(z.zone())
        : new RoutingEvent.ZoneSmallTimer(z.zone())), null);
    syncBuckets();
    return this;
  }

  private Behavior<Command> onTick() {
    long now = clock.millis();
    apply(table.handle(new RoutingEvent.Tick()), null);
    for (Iterator<LegacyChallenge> it = legacy.values().iterator(); it.hasNext(); ) {
      if (now - it.next().at() >= KadConstants.CHALLENGE_VALIDITY.toMillis()) {
        it.remove();
      }
    }
    syncBuckets();
    scheduleTick();
    return this;
  }

  private void scheduleTick() {
    long wait = table.nextDueMillis() - clock.millis();
    long clamped = Math.max(TICK_MIN.toMillis(), Math.min(TICK_MAX.toMillis(), wait));
    timers.startSingleTimer(Tick.INSTANCE, cadence.next(Duration.ofMillis(clamped)));
  }

  /** One bucket actor per leaf zone: spawn the new leaves', stop the gone ones'. */
  private void syncBuckets() {
    if (table.shapeVersion() == shapeVersion) {
      return;
    }
    shapeVersion = table.shapeVersion();
    List<ZoneKey> leaves = table.leafKeys();
    Map<ZoneKey, Integer> old = new HashMap<>(bucketKeys.length * 2);
    for (int i = 0; i < bucketKeys.length; i++) {
      old.put(bucketKeys[i], i);
    }
    ZoneKey[] keys = new ZoneKey[leaves.size()];
    List<ActorRef<BucketActor.Command>> refs = new ArrayList<>(leaves.size());
    for (int i = 0; i < keys.length; i++) {
      ZoneKey k = leaves.get(i);
      Integer at = old.remove(k);
      if (at != null) {
        keys[i] = bucketKeys[at];
        refs.add(bucketRefs.get(at));
      } else {
        keys[i] = k;
        // short name: a name per bucket, thousands of nodes in a lab
        refs.add(BucketActor.spawn(getContext(), "b" + (++bucketSerial), k,
            getContext().getSelf(), new Cadence(random.split(), 0.15), clock));
      }
    }
    for (int at : old.values()) {
      getContext().stop(bucketRefs.get(at));
    }
    bucketKeys = keys;
    bucketRefs = List.copyOf(refs);
  }

  private ActorRef<BucketActor.Command> bucket(ZoneKey zone) {
    for (int i = 0; i < bucketKeys.length; i++) {
      if (bucketKeys[i].equals(zone)) {
        return bucketRefs.get(i);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ queries

  private Behavior<Command> onGetSeeds(GetSeeds g) {
    List<KadContact> seeds = new ArrayList<>();
    for (RoutingContact c : table.lookupSeeds(g.target())) {
      seeds.add(c.toContact());
    }
    g.replyTo().tell(new Seeds(g.target(), seeds));
    return this;
  }

  private Behavior<Command> onGetExploreSeeds(GetExploreSeeds g) {
    List<KadContact> seeds = new ArrayList<>();
    for (RoutingContact c : table.lookupSeeds(g.target())) {
      seeds.add(c.toContact());
    }
    List<KadContact> far = new ArrayList<>();
    for (RoutingContact c : table.exploreSeeds(g.target(), g.far(), g.bits())) {
      far.add(c.toContact());
    }
    g.replyTo().tell(new Seeds(g.target(), seeds, far));
    return this;
  }

  private Behavior<Command> onGetSnapshot(GetSnapshot g) {
    List<KadId> ids = new ArrayList<>(table.size());
    List<KadId> verified = new ArrayList<>(table.size());
    for (RoutingContact c : table.contacts()) {
      ids.add(c.id());
      if (c.verified()) {
        verified.add(c.id());
      }
    }
    g.replyTo().tell(new RoutingSnapshot(self.id(), table.size(), verified.size(),
        table.leafKeys().size(), bucketKeys.length, ids, verified, publishing));
    return this;
  }
}
