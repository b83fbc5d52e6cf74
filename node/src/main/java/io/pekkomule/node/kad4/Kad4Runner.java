package io.pekkomule.node.kad4;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.wire.Kad4Rules;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.files.AmuleNodesDat;
import io.pekkomule.protocol.wire.DecodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What {@code run --overlay kad4 --bind IP:PORT [--data DIR] [--bootstrap-file nodes.dat]} does:
 * its own actor system, the kad4 identity of the data directory ({@link Kad4Identity}, never the
 * I2P one), aMule's nodes.dat as bootstrap contacts (filtered as aMule filters them), and a
 * {@link Kad4Node} bound to the address. The CLI prints the returned line and closes the
 * {@link Running} on shutdown. Operator errors ({@link IllegalArgumentException}, {@link
 * IOException}) carry a message fit for stderr.
 */
public final class Kad4Runner {
  private Kad4Runner() {}

  /** A started kad4 node and its actor system. */
  public record Running(ActorSystem<Void> system, Kad4Node node, String statusLine)
      implements AutoCloseable {
    @Override
    public void close() {
      node.close();
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        // shutting down anyway
      }
    }
  }

  /**
   * @param tcpPort the TCP port to advertise (aMule's default 4662 when not configured)
   * @param nodesDat an aMule nodes.dat (v0–v3) whose contacts are asked for BOOTSTRAP_RES
   */
  public static Running start(Path dataDir, Ipv4UdpEndpoint bind, int tcpPort,
      Optional<Path> nodesDat, Consumer<String> out) throws IOException {
    Kad4Identity id = Kad4Identity.loadOrCreate(dataDir);
    List<KadContact> bootstrap = nodesDat.isPresent() ? bootstrap(nodesDat.get()) : List.of();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "pekko-mule-kad4");
    MeterRegistry registry = new SimpleMeterRegistry();
    Kad4Node node;
    try {
      node = Kad4Node.start(system, "kad4", id, new Kad4Node.Options(bind, tcpPort, bootstrap),
          registry);
    } catch (IOException e) {
      system.terminate();
      throw new IOException("cannot bind " + bind.dotted() + ":" + bind.udpPort() + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
    String line = "kad4 node " + id.id().toHex() + " on " + bind.dotted() + ":" + bind.udpPort()
        + " (udp), tcp port " + tcpPort + ", " + bootstrap.size() + " bootstrap contacts";
    out.accept(line);
    return new Running(system, node, line);
  }

  /** aMule's nodes.dat contacts that aMule itself would use. */
  static List<KadContact> bootstrap(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such nodes.dat");
    }
    AmuleNodesDat dat;
    try {
      dat = AmuleNodesDat.read(file);
    } catch (DecodeException e) {
      throw new IOException(file + ": not an aMule nodes.dat: " + e.getMessage(), e);
    }
    List<KadContact> out = new ArrayList<>();
    for (AmuleNodesDat.Entry e : dat.entries()) {
      if (Kad4Rules.acceptsWireContact(e.contact())) {
        Ipv4UdpEndpoint ep = (Ipv4UdpEndpoint) e.contact().endpoint();
        out.add(new KadContact(e.contact().version(), e.contact().id(),
            new Ipv4UdpEndpoint(ep.address(), ep.udpPort())));
      }
    }
    return out;
  }
}
