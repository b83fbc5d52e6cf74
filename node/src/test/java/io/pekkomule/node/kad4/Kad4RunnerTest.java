package io.pekkomule.node.kad4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.files.AmuleNodesDat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@code run --overlay kad4} starts: identity, nodes.dat bootstrap, bind errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Kad4RunnerTest {

  @Test
  void startsOnItsOwnIdentityWithFilteredBootstrapAndReportsBindErrors(@TempDir Path dir)
      throws Exception {
    Path nodes = dir.resolve("nodes.dat");
    AmuleNodesDat.v2(List.of(
        AmuleNodesDat.Entry.of(new KadContact(8, KadId.fromHex("AAAAAAAA000000000000000000000001"),
            Ipv4UdpEndpoint.of("198.51.100.1", 4672, 4662)), 0, 0, true),
        // aMule would not use these: private address, Kad1 version
        AmuleNodesDat.Entry.of(new KadContact(8, KadId.fromHex("AAAAAAAA000000000000000000000002"),
            Ipv4UdpEndpoint.of("192.168.1.1", 4672, 4662)), 0, 0, true),
        AmuleNodesDat.Entry.of(new KadContact(1, KadId.fromHex("AAAAAAAA000000000000000000000003"),
            Ipv4UdpEndpoint.of("198.51.100.3", 4672, 4662)), 0, 0, true)))
        .write(nodes);
    assertEquals(List.of(new KadContact(8, KadId.fromHex("AAAAAAAA000000000000000000000001"),
        Ipv4UdpEndpoint.of("198.51.100.1", 4672))), Kad4Runner.bootstrap(nodes));

    int port;
    try (DatagramChannel c = DatagramChannel.open()) {
      c.bind(new InetSocketAddress("127.0.0.1", 0));
      port = ((InetSocketAddress) c.getLocalAddress()).getPort();
    }
    Ipv4UdpEndpoint bind = Ipv4UdpEndpoint.of("127.0.0.1", port);
    List<String> out = new ArrayList<>();
    try (Kad4Runner.Running r = Kad4Runner.start(dir.resolve("data"), bind, 4662,
        Optional.of(nodes), out::add)) {
      Kad4Identity id = Kad4Identity.loadOrCreate(dir.resolve("data"));
      assertEquals(id.id(), r.node().identity().id());
      assertEquals(List.of("kad4 node " + id.id().toHex() + " on 127.0.0.1:" + port
          + " (udp), tcp port 4662, 1 bootstrap contacts"), out);
      // the port is taken now: a second node cannot bind it, and says so
      IOException e = assertThrows(IOException.class, () -> Kad4Runner.start(
          dir.resolve("data2"), bind, 4662, Optional.empty(), s -> { }));
      assertTrue(e.getMessage().startsWith("cannot bind 127.0.0.1:" + port), e.getMessage());
    }
    assertThrows(IOException.class, () -> Kad4Runner.bootstrap(dir.resolve("missing.dat")));
    Path junk = dir.resolve("junk.dat");
    Files.write(junk, new byte[] {1, 2, 3});
    assertThrows(IOException.class, () -> Kad4Runner.bootstrap(junk));
  }
}
