package io.pekkomule.node.kad.node;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeDeps;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.kad.wire.ShaperPort;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.crypto.KadObfuscator;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.tag.TagDialect;
import io.pekkomule.protocol.wire.DecodeException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;

/** Helpers for the actor-shell tests: manual time, identities, fake peers, a switchboard. */
final class KadShellKit {
  private KadShellKit() {}

  static final long EPOCH = 1_700_000_000_000L;

  static ActorTestKit manualTimeKit(String name) {
    return ActorTestKit.create(name, ManualTime.config().withFallback(
        com.typesafe.config.ConfigFactory.parseString(
            "pekko.loglevel = WARNING\npekko.log-dead-letters = off")));
  }

  /** The pure machines' clock on the test kit's manual time. */
  static InstantSource clock(ActorSystem<?> system) {
    ExplicitlyTriggeredScheduler s =
        (ExplicitlyTriggeredScheduler) system.classicSystem().scheduler();
    return new InstantSource() {
      @Override
      public long millis() {
        return EPOCH + s.currentTimeMs();
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis());
      }
    };
  }

  static I2pDestination randomDest(Random rnd) {
    byte[] b = new byte[I2pDestination.BYTES];
    do {
      rnd.nextBytes(b);
    } while (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0);
    b[384] = 0;
    b[385] = 0;
    b[386] = 0;
    return I2pDestination.of(b);
  }

  static KadIdentity identity(Random rnd) {
    I2pDestination d = randomDest(rnd);
    return new KadIdentity(new KadId(rnd.nextLong() | 1, rnd.nextLong()), d, d, rnd.nextInt(), 8);
  }

  /** A peer the test plays by hand, with its own codec (its keys are real). */
  static final class FakePeer {
    final KadIdentity identity;
    final DatagramCodec codec;

    FakePeer(KadIdentity identity) {
      this.identity = identity;
      this.codec = new DatagramCodec(new KadObfuscator(identity.id(), identity.udpKeySecret(),
          new SplittableRandom(7)), Limits.DEFAULT);
    }

    Endpoint dest() {
      return identity.endpoint();
    }

    /** A datagram to {@code node}: NodeID mode when {@code receiverId} is given. */
    byte[] encode(KadMessage m, KadId receiverId, long receiverKey, Endpoint to) {
      return codec.encode(m, TagDialect.PLAIN, receiverId, receiverKey, to);
    }

    DatagramCodec.Inbound decode(OutboundIntent i, Endpoint from) throws DecodeException {
      return codec.decode(i.datagram(), from);
    }

    KadNode.DatagramReceived to(KadMessage m, KadId receiverId, long receiverKey,
        Endpoint nodeDest) {
      return new KadNode.DatagramReceived(dest(), encode(m, receiverId, receiverKey, nodeDest));
    }
  }

  /** Delivers every intent at once to the node at its destination, and keeps a log of them. */
  static final class Switchboard {
    record Sent(Endpoint from, OutboundIntent intent) {}

    private final Map<Endpoint, ActorRef<KadNode.Command>> nodes = new ConcurrentHashMap<>();
    final List<Sent> log = java.util.Collections.synchronizedList(new ArrayList<>());

    ShaperPort portFor(Endpoint from) {
      return intent -> {
        log.add(new Sent(from, intent));
        ActorRef<KadNode.Command> to = nodes.get(intent.destination());
        if (to != null) {
          to.tell(new KadNode.DatagramReceived(from, intent.datagram()));
        }
        return true;
      };
    }

    void register(Endpoint dest, ActorRef<KadNode.Command> node) {
      nodes.put(dest, node);
    }

    List<Sent> sent(Endpoint from, Endpoint to, int opcode) {
      synchronized (log) {
        return log.stream().filter(s -> s.from().equals(from)
            && s.intent().destination().equals(to) && s.intent().opcode() == opcode).toList();
      }
    }
  }

  static ActorRef<KadNode.Command> spawnNode(ActorTestKit kit, KadIdentity id, ShaperPort port,
      KadMetrics metrics, long seed) {
    KadNodeDeps deps = new KadNodeDeps(port, clock(kit.system()), seed, metrics, List.of(), false);
    return kit.spawn(KadNode.create(KadNodeSettings.defaults(id), deps), "node-" + seed);
  }
}
