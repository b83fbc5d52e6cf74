package io.pekkomule.node.transport.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.Shaper;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kad4 UDP transport on loopback: the shaper's sink sends, the inbound queue is bounded. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpDatagramTransportTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final Ipv4UdpEndpoint ANY_PORT = Ipv4UdpEndpoint.of("127.0.0.1", 0);

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  private static UdpDatagramTransport transport(UdpDatagramTransport.Settings s) {
    return new UdpDatagramTransport(ANY_PORT, s, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  private static void await(LongSupplier value, long atLeast) {
    long until = System.nanoTime() + 10_000_000_000L;
    while (value.getAsLong() < atLeast && System.nanoTime() < until) {
      LockSupport.parkNanos(5_000_000L);
    }
  }

  @Test
  void shaperSinkSendsAndPeerReceivesWithItsSource() throws Exception {
    LinkedBlockingQueue<InboundDatagram> got = new LinkedBlockingQueue<>();
    try (UdpDatagramTransport a = transport(UdpDatagramTransport.Settings.DEFAULT);
        UdpDatagramTransport b = transport(UdpDatagramTransport.Settings.DEFAULT)) {
      Ipv4UdpEndpoint aAt = a.start(d -> { });
      Ipv4UdpEndpoint bAt = b.start(got::add);
      assertTrue(aAt.udpPort() != 0 && b.isUp());
      Shaper shaper = Shaper.builder(KIT.system(), ShaperSettings.defaults(), a).seed(1).start();
      byte[] payload = {(byte) 0xE4, 0x60};
      assertTrue(shaper.input().offer(new OutboundIntent(bAt, 0x1E, payload,
          UrgencyClass.INTERACTIVE, Duration.ofSeconds(20), Origin.REPLY)));
      InboundDatagram d = got.poll(30, TimeUnit.SECONDS);
      shaper.stop();
      assertTrue(d != null, "nothing arrived");
      assertArrayEquals(payload, d.payload());
      assertEquals(aAt, d.from(), "the datagram's source is the sender's bound endpoint");
      // the sink counts after the send returned: the peer may have the datagram first
      await(() -> a.metrics().count(Direction.OUT, Result.OK), 1);
      assertEquals(1, a.metrics().count(Direction.OUT, Result.OK));
      assertEquals(1, b.metrics().count(Direction.IN, Result.OK));
    }
  }

  @Test
  void inboundQueueIsBoundedAndOversizeIsDropped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LinkedBlockingQueue<InboundDatagram> got = new LinkedBlockingQueue<>();
    UdpDatagramTransport.Settings small = new UdpDatagramTransport.Settings(4, 100);
    try (UdpDatagramTransport t = transport(small);
        DatagramChannel peer = DatagramChannel.open()) {
      Ipv4UdpEndpoint at = t.start(d -> {
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        got.add(d);
      });
      InetSocketAddress to = at.toSocketAddress();
      peer.send(ByteBuffer.wrap(new byte[101]), to);
      await(() -> t.metrics().count(Direction.IN, Result.OVERSIZE), 1);
      assertEquals(1, t.metrics().count(Direction.IN, Result.OVERSIZE));
      for (int i = 0; i < 20; i++) {
        peer.send(ByteBuffer.wrap(new byte[] {(byte) i}), to);
      }
      // one is held by the blocked handler, four wait: the rest push the oldest out
      await(() -> t.metrics().count(Direction.IN, Result.QUEUE_FULL), 15);
      long dropped = t.metrics().count(Direction.IN, Result.QUEUE_FULL);
      assertTrue(dropped >= 15 && dropped <= 16, "dropped " + dropped);
      release.countDown();
      await(() -> got.size(), 20 - dropped);
      assertEquals(20 - dropped, got.size());
      // the newest survive: the last datagram sent is the last delivered
      InboundDatagram last = null;
      for (InboundDatagram d : got) {
        last = d;
      }
      assertEquals(19, last.payload()[0]);
    }
  }

  @Test
  void bindFailureIsReported() throws Exception {
    try (UdpDatagramTransport a = transport(UdpDatagramTransport.Settings.DEFAULT)) {
      Ipv4UdpEndpoint at = a.start(d -> { });
      try (UdpDatagramTransport b = new UdpDatagramTransport(at,
          UdpDatagramTransport.Settings.DEFAULT, new SimpleMeterRegistry(), Clock.systemUTC())) {
        assertThrows(IOException.class, () -> b.start(d -> { }));
      }
    }
  }
}
