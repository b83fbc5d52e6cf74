package io.pekkomule.node.kad.dispatch;

import io.pekkomule.node.kad.index.IndexLimits;
import io.pekkomule.node.kad.index.IndexServer;
import io.pekkomule.node.kad.index.IndexStore;
import io.pekkomule.node.kad.index.PublishGate;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.routing.RoutingActor;
import io.pekkomule.node.kad.wire.Cadence;
import io.pekkomule.node.kad.wire.InboundMeta;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.kad.wire.Outgoing;
import io.pekkomule.node.kad.wire.ShaperPort;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.Kad2SearchRes;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.TagName;
import java.util.Optional;
import io.pekkomule.protocol.msg.Unknown;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.DecodeException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The node's Kad socket: every datagram in and out passes here. Inbound: decode through the
 * dialect's {@link DatagramCodec}, iMule's per-peer flood table ({@link FloodTable}), packet tracking for
 * responses ({@link PacketTracker}), then hand the message to the actor that owns it, as the
 * {@link KadDialect} translates it (PING is answered here). Flood limits, packet tracking and the
 * shaper's families key on the dialect's family opcode (iMule's number for the meaning).
 * Outbound: encode with iMule's obfuscation choice, track requests, offer the intent to the
 * shaper. Nothing here talks to a transport.
 *
 * <p>Uniform failure (contract §4, H9): malformed, unknown, unsolicited, foreign or flood-limited
 * input is dropped silently; the drop is settled (counted) after a random delay drawn like an
 * interactive reply's, so no input has a faster path out of the node than a valid request.
 */
public final class Dispatcher extends AbstractBehavior<Dispatcher.Command> {

  public interface Command {}

  /** A datagram from the transport; {@code from} is the signed sender destination. */
  public record DatagramReceived(Endpoint from, byte[] datagram) implements Command {}

  /** Encode, track and offer one message to the shaper. */
  public record Send(Outgoing outgoing) implements Command {}

  /** Wiring: where routing-table messages go (sent once by the node guardian at start). */
  public record Connect(ActorRef<RoutingActor.Command> routing) implements Command {}

  /** Wiring: where SEARCH_RES and PUBLISH_RES go (the lookups searching or publishing that key). */
  public record ConnectLookups(ActorRef<Lookups.Command> lookups) implements Command {}

  /** Asks whether the index holds an entry (lab oracle and tests); replies on {@code replyTo}. */
  public record QueryIndex(IndexStore.Kind kind, KadId key, KadId entryId,
      ActorRef<Boolean> replyTo) implements Command {}

  /** Every live index entry as {@code KIND/key/entry} (management API). */
  public record ListIndex(ActorRef<java.util.Set<String>> replyTo) implements Command {}

  /**
   * The vocabulary of the names others published to our index, for cover phantom names
   * ({@link io.pekkomule.node.kad.search.CoverPlanner.Vocabulary}); replies on {@code replyTo}.
   */
  public record CoverVocabulary(
      ActorRef<io.pekkomule.node.kad.search.CoverPlanner.Vocabulary> replyTo) implements Command {}

  private record DropSettled(KadMetrics.Inbound outcome, String reason, String opcode)
      implements Command {}

  private enum Sweep implements Command {
    INSTANCE
  }

  /**
   * @param banTime how long a sender above five times an allowance is ignored (iMule: 10 s–1 min)
   * @param dropDelayMin shortest delay before a drop is settled
   * @param dropDelayMax longest delay before a drop is settled
   * @param maxPendingDrops drops settled later at most; beyond, they settle at once (bounded memory)
   */
  public record Settings(
      Duration banTime, Duration dropDelayMin, Duration dropDelayMax, int maxPendingDrops) {
    public static final Settings DEFAULT =
        new Settings(Duration.ofMinutes(1), Duration.ofMillis(200), Duration.ofSeconds(5), 256);
  }

  private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

  private final KadDialect dialect;
  private final KadIdentity self;
  private final Settings settings;
  private final ShaperPort shaper;
  private final KadMetrics metrics;
  private final InstantSource clock;
  private final Cadence cadence;
  private final DatagramCodec codec;
  private final FloodTable flood;
  private final PacketTracker tracker = new PacketTracker();
  private final TimerScheduler<Command> timers;
  private final IndexServer index;
  private ActorRef<RoutingActor.Command> routing;
  private ActorRef<Lookups.Command> lookups;
  private int pendingDrops;
  /** The sender of the request being served (the journal records who published). */
  private Endpoint serving;

  /** A dispatcher of the iMule dialect. */
  public static Behavior<Command> create(KadIdentity self, Settings settings, ShaperPort shaper,
      KadMetrics metrics, InstantSource clock, long seed) {
    return create(KadDialect.IMULE, self, settings, shaper, metrics, clock, seed);
  }

  public static Behavior<Command> create(KadDialect dialect, KadIdentity self, Settings settings,
      ShaperPort shaper, KadMetrics metrics, InstantSource clock, long seed) {
    return create(dialect, self, settings, shaper, metrics, clock, seed,
        io.pekkomule.node.kad.index.IndexJournal.NONE);
  }

  /** With a journal keeping the index across restarts (its recovered entries are put back first). */
  public static Behavior<Command> create(KadDialect dialect, KadIdentity self, Settings settings,
      ShaperPort shaper, KadMetrics metrics, InstantSource clock, long seed,
      io.pekkomule.node.kad.index.IndexJournal journal) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new Dispatcher(ctx, timers, dialect, self, settings, shaper, metrics, clock, seed,
            journal)));
  }

  private Dispatcher(ActorContext<Command> ctx, TimerScheduler<Command> timers, KadDialect dialect,
      KadIdentity self, Settings settings, ShaperPort shaper, KadMetrics metrics,
      InstantSource clock, long seed, io.pekkomule.node.kad.index.IndexJournal journal) {
    super(ctx);
    this.timers = timers;
    this.dialect = dialect;
    this.self = self;
    this.settings = settings;
    this.shaper = shaper;
    this.metrics = metrics;
    this.clock = clock;
    SplittableRandom random = new SplittableRandom(seed);
    this.cadence = new Cadence(random.split(), 0.2);
    this.codec = dialect.codec(self, random.split());
    this.flood = new FloodTable(settings.banTime());
    IndexStore store = new IndexStore(IndexLimits.IMULE);
    long now = clock.millis();
    int restored = 0;
    for (IndexStore.Accepted a : journal.recovered()) {
      restored += store.restore(a, now) ? 1 : 0;
    }
    if (restored > 0) {
      ctx.getLog().info("index: {} entries restored", restored);
    }
    store.onAccepted(a -> {
      if (serving != null) {
        journal.accepted(a, serving);
      }
    });
    this.index = new IndexServer(self.id(), store, PublishGate.defaults());
    timers.startSingleTimer(Sweep.INSTANCE, cadence.next(SWEEP_EVERY));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DatagramReceived.class, this::onDatagram)
        .onMessage(Send.class, this::onSend)
        .onMessage(Connect.class, this::onConnect)
        .onMessage(ConnectLookups.class, c -> {
          this.lookups = c.lookups();
          return this;
        })
        .onMessage(QueryIndex.class, q -> {
          q.replyTo().tell(index.store().holds(q.kind(), q.key(), q.entryId(), clock.millis()));
          return this;
        })
        .onMessage(ListIndex.class, l -> {
          l.replyTo().tell(index.store().liveSlots(clock.millis()));
          return this;
        })
        .onMessage(CoverVocabulary.class, v -> {
          v.replyTo().tell(io.pekkomule.node.kad.search.CoverPlanner.Vocabulary.of(
              index.store().keywordNames(clock.millis(),
                  io.pekkomule.node.kad.search.CoverPlanner.MAX_VOCABULARY_NAMES),
              index.store().keywordKeys()));
          return this;
        })
        .onMessage(DropSettled.class, this::onDropSettled)
        .onMessageEquals(Sweep.INSTANCE, this::onSweep)
        .build();
  }

  private Behavior<Command> onConnect(Connect c) {
    this.routing = c.routing();
    return this;
  }

  // ------------------------------------------------------------------ inbound

  private Behavior<Command> onDatagram(DatagramReceived d) {
    long now = clock.millis();
    AddressKey hash = d.from().addressKey();
    if (flood.isBanned(hash, now)) {
      drop(KadMetrics.Inbound.FLOOD_LIMITED, "banned");
      return this;
    }
    DatagramCodec.Inbound in;
    try {
      in = codec.decode(d.datagram(), d.from());
    } catch (DecodeException e) {
      drop(KadMetrics.Inbound.MALFORMED, e.reason().name().toLowerCase(Locale.ROOT));
      return this;
    }
    KadMessage m = dialect.adaptInbound(in.message());
    int op = dialect.familyOpcode(m);
    String opKey = KadMetrics.opcodeKey(op);
    FloodTable.Verdict verdict = flood.check(hash, op, now);
    if (verdict != FloodTable.Verdict.ALLOWED) {
      drop(KadMetrics.Inbound.FLOOD_LIMITED,
          verdict == FloodTable.Verdict.BANNED ? "ban" : "over_limit", opKey);
      return this;
    }
    if (PacketTracker.isTrackedResponse(op) && !tracker.consume(hash, op, now)) {
      drop(KadMetrics.Inbound.UNSOLICITED, "untracked", opKey);
      return this;
    }
    if (routing == null) {
      drop(KadMetrics.Inbound.DROPPED, "starting", opKey);
      return this;
    }
    route(d.from(), m, new InboundMeta(in.validReceiverKey(), in.senderVerifyKey(),
        in.obfuscation()));
    return this;
  }

  /** Routing messages go to the routing actor through the dialect's translation. */
  private void route(Endpoint from, KadMessage m, InboundMeta meta) {
    String opKey = KadMetrics.opcodeKey(dialect.familyOpcode(m));
    if (IndexServer.handles(m)) {
      serve(from, m, meta);
      return;
    }
    if (m instanceof Kad2SearchRes r) {
      if (lookups == null) {
        drop(KadMetrics.Inbound.DROPPED, "starting", opKey);
        return;
      }
      metrics.inbound(KadMetrics.Inbound.ACCEPTED, "ok", opKey);
      lookups.tell(new Lookups.SearchArrived(from, r));
      routing.tell(new RoutingActor.PacketSeen(from));
      return;
    }
    if (m instanceof Kad2PublishRes r) {
      if (lookups == null) {
        drop(KadMetrics.Inbound.DROPPED, "starting", opKey);
        return;
      }
      metrics.inbound(KadMetrics.Inbound.ACCEPTED, "ok", opKey);
      lookups.tell(new Lookups.PublishArrived(from, r));
      routing.tell(new RoutingActor.PacketSeen(from));
      return;
    }
    KadDialect.Inbound in = dialect.inbound(from, m, meta, self.id());
    if (in instanceof KadDialect.Drop d) {
      drop(KadMetrics.Inbound.DROPPED, d.reason(), opKey);
      return;
    }
    if (!(in instanceof KadDialect.Forward f)) {
      // everything else iMule (and aMule) ignores too
      drop(KadMetrics.Inbound.DROPPED, m instanceof Unknown ? "unknown_opcode" : "unhandled",
          opKey);
      return;
    }
    for (KadMessage reply : f.replies()) {
      send(Outgoing.reply(reply, from, meta.senderVerifyKey()));
    }
    metrics.inbound(KadMetrics.Inbound.ACCEPTED, "ok", opKey);
    routing.tell(f.command());
  }

  /**
   * A search or publish from another node, answered from the index (spec §7.2, §12.2): every
   * reply is an interactive reply through the shaper whatever was found or stored, so a hit and
   * a miss leave the node the same way (H2). The request also refreshes the sender's contact.
   */
  private void serve(Endpoint from, KadMessage m, InboundMeta meta) {
    // iMule stores the datagram's sender as SOURCEUDEST; other families have no such tag
    Optional<Tag> sender = from instanceof I2pEndpoint i2p
        ? Optional.of(new AddressTag(TagName.SOURCEUDEST, i2p.destination())) : Optional.empty();
    IndexServer.Served served;
    serving = from;
    try {
      served = index.serve(from.addressKey(), sender, m, clock.millis());
    } finally {
      serving = null;
    }
    metrics.inbound(KadMetrics.Inbound.ACCEPTED, "ok",
        KadMetrics.opcodeKey(dialect.familyOpcode(m)));
    metrics.served(served.outcome());
    // iMule answers Kad1 searches and publishes without a receiver key (SendPacket(…, 0, NULL)):
    // plain
    long key = m.opcode() <= 0x0C ? 0 : meta.senderVerifyKey();
    for (KadMessage reply : served.replies()) {
      send(Outgoing.reply(reply, from, key));
    }
    routing.tell(new RoutingActor.PacketSeen(from));
  }

  private void drop(KadMetrics.Inbound outcome, String reason) {
    drop(outcome, reason, KadMetrics.NO_OPCODE);
  }

  private void drop(KadMetrics.Inbound outcome, String reason, String opcode) {
    if (pendingDrops >= settings.maxPendingDrops()) {
      metrics.inbound(outcome, reason, opcode);
      return;
    }
    pendingDrops++;
    getContext().scheduleOnce(
        cadence.between(settings.dropDelayMin(), settings.dropDelayMax()),
        getContext().getSelf(), new DropSettled(outcome, reason, opcode));
  }

  private Behavior<Command> onDropSettled(DropSettled d) {
    pendingDrops--;
    metrics.inbound(d.outcome(), d.reason(), d.opcode());
    return this;
  }

  // ------------------------------------------------------------------ outbound

  private Behavior<Command> onSend(Send s) {
    send(s.outgoing());
    return this;
  }

  private void send(Outgoing o) {
    KadMessage m = dialect.adaptOutbound(o.message(), self);
    byte[] datagram;
    try {
      datagram = codec.encode(m, TagDialect.PLAIN, o.receiverId(), o.receiverVerifyKey(),
          o.to());
    } catch (IllegalArgumentException e) {
      getContext().getLog().warn("not sent: {} does not fit one datagram", m.getClass().getSimpleName());
      metrics.outbound(false);
      return;
    }
    int op = dialect.familyOpcode(m);
    if (dialect.tracksSent(m)) {
      tracker.sent(o.to().addressKey(), op, clock.millis());
    }
    boolean accepted = shaper.offer(new OutboundIntent(o.to(), op, datagram, o.urgency(),
        o.deadline(), o.origin()));
    metrics.outbound(accepted);
  }

  private Behavior<Command> onSweep() {
    long now = clock.millis();
    tracker.sweep(now);
    // a drained bucket is the same as no bucket: forgetting it early changes no verdict
    flood.sweep(now);
    timers.startSingleTimer(Sweep.INSTANCE, cadence.next(SWEEP_EVERY));
    return this;
  }
}
