package io.pekkomule.node.transport.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.KadOverTransport;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Kad nodes, each on its own i2pd router of a private three-router I2P network in a network
 * namespace ({@link I2pdPrivnet}): datagrams cross routers through real 1-hop inbound tunnels,
 * HELLO verifies, and a lookup from the node on router 1 finds the node on router 3 through the
 * node on router 2. Needs root and iproute2 like the aMule interop test; off with {@code
 * -Dpekkomule.interop=none}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("interop")
@DisabledIfSystemProperty(named = "pekkomule.interop", matches = "none")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SamPrivnetTest {
  /** The recipe's tunnels: 1-hop inbound, 0-hop outbound, LeaseSet type 1 with ElGamal. */
  private static final String PRIVNET_TUNNELS = String.join("\n",
      "tunnel {",
      "  \"inbound.length\" = 1",
      "  \"outbound.length\" = 0",
      "  \"inbound.quantity\" = 1",
      "  \"outbound.quantity\" = 1",
      "  \"i2cp.leaseSetType\" = 1",
      "  \"i2cp.leaseSetEncType\" = 0",
      "}",
      "timeouts.session-create = 150s");

  private final ActorTestKit kit = ActorTestKit.create("sam-privnet", ConfigFactory.parseString(
      "pekko.loglevel = WARNING\npekko.log-dead-letters = off"));
  private I2pdPrivnet net;
  private final List<SamDatagramTransport> transports = new ArrayList<>();

  @AfterAll
  void stop() throws Exception {
    kit.shutdownTestKit();
    for (SamDatagramTransport t : transports) {
      t.close();
    }
    if (net != null) {
      net.close();
    }
  }

  /** Sends raw datagrams until one arrives: the first ones wait for LeaseSet lookups. */
  private void warmUp(SamDatagramTransport from, SamDatagramTransport to,
      KadOverTransport.Inbound toIn) throws InterruptedException {
    I2pDestination dest = to.ownDestination().orElseThrow();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(from.send(new I2pEndpoint(dest), new byte[] {1, 2, 3}));
      InboundDatagram d = toIn.beforeNode.poll(3, TimeUnit.SECONDS);
      if (d != null) {
        return;
      }
    }
    fail("no datagram across routers within 90 s\n" + net.logTails());
  }

  @Test
  void kadHelloAndLookupAcrossThreeRouters(@TempDir Path dir) throws Exception {
    net = new I2pdPrivnet(dir);
    long t0 = System.nanoTime();
    net.start();
    long t1 = System.nanoTime();
    List<KadOverTransport.Inbound> ins = new ArrayList<>();
    List<CompletableFuture<I2pDestination>> ups = new ArrayList<>();
    for (int r = 1; r <= I2pdPrivnet.ROUTERS; r++) {
      SamDatagramTransport t = new SamDatagramTransport(SamTestSupport.config(
          "host = \"" + net.samHost() + "\"\nport = " + I2pdPrivnet.samPort(r)
              + "\nforward-host = \"" + net.forwardHost() + "\"\n" + PRIVNET_TUNNELS),
          Optional.empty(), new SimpleMeterRegistry());
      KadOverTransport.Inbound in = new KadOverTransport.Inbound();
      transports.add(t);
      ins.add(in);
      ups.add(t.start(in).toCompletableFuture()); // SESSION CREATEs in parallel
    }
    try {
      CompletableFuture.allOf(ups.toArray(CompletableFuture[]::new)).get(160, TimeUnit.SECONDS);
    } catch (Exception e) {
      fail("SAM sessions on the private network did not come up: " + e + "\n" + net.logTails());
    }
    long t2 = System.nanoTime();
    // routes used by the Kad exchange: 1 <-> 2, 2 <-> 3
    warmUp(transports.get(0), transports.get(1), ins.get(1));
    warmUp(transports.get(1), transports.get(0), ins.get(0));
    warmUp(transports.get(1), transports.get(2), ins.get(2));
    warmUp(transports.get(2), transports.get(1), ins.get(1));
    long t3 = System.nanoTime();
    List<KadOverTransport> nodes = new ArrayList<>();
    for (int i = 0; i < I2pdPrivnet.ROUTERS; i++) {
      SamDatagramTransport t = transports.get(i);
      nodes.add(KadOverTransport.create(kit, "node-r" + (i + 1), t,
          t.ownDestination().orElseThrow(), ins.get(i), 300 + i));
    }
    KadOverTransport a = nodes.get(0);
    KadOverTransport b = nodes.get(1);
    KadOverTransport c = nodes.get(2);
    b.node.tell(new KadNode.AddContact(c.identity.contact()));
    a.node.tell(new KadNode.AddContact(b.identity.contact()));
    a.awaitVerified(kit, b, Duration.ofSeconds(60));
    b.awaitVerified(kit, c, Duration.ofSeconds(60));
    long t4 = System.nanoTime();
    LookupOutcome o = a.lookup(kit, c.identity.id(), Duration.ofSeconds(90));
    long t5 = System.nanoTime();
    System.out.printf("i2pd privnet: routers %.1f s, 3 SAM sessions %.1f s, first datagrams"
        + " across routers %.1f s, HELLOs %.1f s, lookup %s %.1f s%n", (t1 - t0) / 1e9,
        (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, o.termination(), (t5 - t4) / 1e9);
    assertEquals(c.identity.id(), o.completedPeers().get(0).id(),
        "the node on router 3 answered the lookup from router 1: " + o);
    for (SamDatagramTransport t : transports) {
      assertTrue(t.metrics().sized(Direction.IN) > 0);
    }
  }
}
