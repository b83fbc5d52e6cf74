package io.pekkomule.node.transport.embedded;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.transport.KadOverTransport;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * The other JVM of {@link TwoRoutersI2pTest}: its own embedded router on loopback (see {@link
 * LoopbackI2p}) and {@code n} production-shaped Kad nodes on it. It answers on stdout with lines
 * starting {@code PEER } and takes commands on stdin, one per line:
 *
 * <pre>
 * VERIFIED i            → PEER VERIFIED i id,id,…    (node i's verified contacts)
 * ADD i kadidhex destb64 → node i adds the contact (version 8)
 * NETDB                  → PEER NETDB known connected
 * BUNDLE dir             → PEER BUNDLE su3 crt       (a signed reseed bundle of our RouterInfo)
 * QUIT (or end of input) → closes everything and exits 0
 * </pre>
 *
 * Arguments: {@code routerDir ntcpPort n seed [--reseed] [key=value …]} (further router options).
 * Every wait is bounded; on any failure it prints {@code PEER FAILED reason} and exits 1.
 */
public final class EmbeddedPeerMain {
  private static final Duration WAIT = Duration.ofMinutes(3);

  private EmbeddedPeerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        true, StandardCharsets.UTF_8);
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    boolean reseed = false;
    Map<String, String> extra = new TreeMap<>();
    for (int i = 4; i < args.length; i++) {
      if (args[i].equals("--reseed")) {
        reseed = true;
      } else {
        int eq = args[i].indexOf('=');
        extra.put(args[i].substring(0, eq), args[i].substring(eq + 1));
      }
    }
    EmbeddedConfig cfg = LoopbackI2p.config(dir, port, 0);
    cfg = cfg.online(reseed, extra);
    ActorTestKit kit = null;
    List<EmbeddedDatagramTransport> ts = new ArrayList<>();
    int rc = 0;
    try {
      long t0 = System.nanoTime();
      List<KadOverTransport.Inbound> ins = new ArrayList<>();
      List<CompletableFuture<I2pDestination>> ups = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        EmbeddedDatagramTransport t = new EmbeddedDatagramTransport(cfg, Optional.empty(),
            new SimpleMeterRegistry(), RandomGenerator.getDefault(), Clock.systemUTC());
        KadOverTransport.Inbound in = new KadOverTransport.Inbound();
        ups.add(t.start(in).toCompletableFuture());
        ts.add(t);
        ins.add(in);
      }
      List<I2pDestination> dests = new ArrayList<>();
      for (CompletableFuture<I2pDestination> up : ups) {
        dests.add(up.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      // With no nodes: the router alone (reseed test).
      EmbeddedRouter own = n == 0 ? EmbeddedRouter.acquire(cfg) : null;
      EmbeddedRouter r = EmbeddedRouter.running();
      long sessions = (System.nanoTime() - t0) / 1_000_000;
      // What the other router needs: our RouterInfo once it is published as a floodfill with
      // its loopback NTCP2 address (the file on disk may be an earlier version).
      long until = System.nanoTime() + WAIT.toNanos();
      net.i2p.data.router.RouterInfo ri = r.context().router().getRouterInfo();
      while (ri == null || !ri.getCapabilities().contains("f") || ri.getAddresses().isEmpty()) {
        if (System.nanoTime() > until) {
          throw new IllegalStateException("no floodfill RouterInfo with an address: " + ri);
        }
        Thread.sleep(100);
        ri = r.context().router().getRouterInfo();
      }
      Path riFile = dir.resolve("published-router.info");
      try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(riFile)) {
        ri.writeBytes(o);
      }
      out.printf("PEER ROUTER start_ms=%d sessions_ms=%d published_ms=%d routerinfo=%s%n",
          own != null ? own.startTime().toMillis()
              : ts.get(0).routerStartTime().orElseThrow().toMillis(), sessions,
          (System.nanoTime() - t0) / 1_000_000, riFile);
      kit = ActorTestKit.create("peer", ConfigFactory.parseString(
          "pekko.loglevel = WARNING\npekko.log-dead-letters = off"));
      List<KadOverTransport> nodes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        KadOverTransport k = KadOverTransport.create(kit, "peer-" + i, ts.get(i), dests.get(i),
            ins.get(i), seed + i);
        nodes.add(k);
        out.printf("PEER NODE %d %s %s setup_ms=%d%n", i, k.identity.id().toHex(),
            dests.get(i).toBase64(), ts.get(i).lastSetupTime().orElseThrow().toMillis());
      }
      // Node 0 knows the others (the test looks them up through it).
      for (int i = 1; i < n; i++) {
        nodes.get(0).node.tell(new KadNode.AddContact(nodes.get(i).identity.contact()));
      }
      out.println("PEER READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        String[] w = line.trim().split(" ");
        switch (w[0]) {
          case "VERIFIED" -> {
            int i = Integer.parseInt(w[1]);
            TestProbe<RoutingSnapshot> probe = kit.createTestProbe();
            nodes.get(i).node.tell(new KadNode.GetRouting(probe.ref()));
            RoutingSnapshot s = probe.receiveMessage(Duration.ofSeconds(10));
            out.printf("PEER VERIFIED %d %s%n", i,
                s.verifiedIds().stream().map(KadId::toHex).collect(Collectors.joining(",")));
          }
          case "ADD" -> nodes.get(Integer.parseInt(w[1])).node.tell(new KadNode.AddContact(
              new KadContact(8, KadId.fromHex(w[2]),
                  new I2pEndpoint(I2pDestination.fromBase64(w[3])))));
          case "NETDB" -> {
            EmbeddedRouter rr = EmbeddedRouter.running();
            out.printf("PEER NETDB %d %d%n", rr == null ? -1 : rr.knownRouters(),
                rr == null ? -1 : rr.connectedPeers());
          }
          case "BUNDLE" -> {
            LocalReseed.Bundle bundle = LocalReseed.build(Path.of(w[1]), List.of(riFile));
            out.printf("PEER BUNDLE %s %s%n", bundle.su3(), bundle.certificate());
          }
          case "QUIT" -> {
            return;
          }
          default -> out.println("PEER FAILED unknown command " + line);
        }
      }
    } catch (Throwable e) {
      out.println("PEER FAILED " + e);
      e.printStackTrace(out);
      rc = 1;
    } finally {
      if (kit != null) {
        kit.shutdownTestKit();
      }
      for (EmbeddedDatagramTransport t : ts) {
        t.close();
      }
      out.println("PEER EXIT " + rc);
      Runtime.getRuntime().halt(rc);
    }
  }
}
