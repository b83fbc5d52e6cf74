package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.cli.Cli;
import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.protocol.KadId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pekko-mule status} through the real command line against a running API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCommandTest {
  @TempDir static Path dataDir;
  private ActorTestKit kit;
  private ServerBinding binding;
  private String url;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = Cli.create();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @BeforeAll
  void start() throws Exception {
    kit = ActorTestKit.create("StatusCommandTest", ManagementServerTest.config());
    InMemoryNode node = new InMemoryNode(
        new IdentityView(ManagementServerTest.OWN, ManagementServerTest.OWN_B32), null, Clock.systemUTC());
    node.routing(new RoutingView(List.of(new BucketView(0, "", List.of(
        new ContactView(ManagementServerTest.PEER, "b".repeat(52) + ".b32.i2p", ContactState.STABLE, 0, true, 8, 9)),
        List.of()))));
    binding = ManagementServer.start(kit.system(), ManagementServerTest.config(), dataDir, node, node,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    url = ManagementServer.dashboardUrl(binding);
  }

  @AfterAll
  void stop() {
    binding.unbind().toCompletableFuture().join();
    kit.shutdownTestKit();
  }

  @Test
  void printsKeyValueLines() {
    Run r = run("status", "--data", dataDir.toString(), "--url", url);
    assertEquals(Cli.OK, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.contains("kadId=" + ManagementServerTest.OWN.toHex()), r.out());
    assertTrue(lines.contains("b32=" + ManagementServerTest.OWN_B32), r.out());
    assertTrue(lines.contains("transport=in-memory up"), r.out());
    assertTrue(lines.contains("contacts=1"), r.out());
    assertTrue(lines.contains("verified=1"), r.out());
    assertTrue(lines.stream().allMatch(l -> l.matches("[A-Za-z0-9]+=\\S.*")), r.out());
    assertTrue(lines.contains("shaperAlarms=none"), r.out());
    assertEquals(13, lines.size(), r.out());
  }

  @Test
  void aMissingTokenFileIsExit2(@TempDir Path empty) {
    Run r = run("status", "--data", empty.toString(), "--url", url);
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().startsWith("status: ") && r.err().contains("no token file"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void anUnreachableNodeIsExit2(@TempDir Path other) throws Exception {
    Files.copy(ApiToken.file(dataDir), ApiToken.file(other));
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Run r = run("status", "--data", other.toString(), "--url", "http://127.0.0.1:" + closed + "/");
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("cannot reach the node"), r.err());
  }

  @Test
  void aForeignTokenIsExit2(@TempDir Path other) throws Exception {
    Path f = ApiToken.file(other);
    Files.writeString(f, ApiToken.generate() + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    Run r = run("status", "--data", other.toString(), "--url", url);
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("refused the token"), r.err());
  }

  @Test
  void aBadUrlIsExit2() {
    Run r = run("status", "--data", dataDir.toString(), "--url", "ftp://x/");
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("expected http://HOST:PORT/"), r.err());
  }

  @Test
  void theDefaultUrlComesFromTheConfiguration(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("c.conf");
    Files.writeString(conf, "pekko-mule.management.http.port = " + binding.localAddress().getPort() + "\n");
    Run r = run("status", "--config", conf.toString(), "--data", dataDir.toString());
    assertEquals(Cli.OK, r.exit(), r.err());
    assertTrue(r.out().contains("kadId=" + KadId.fromHex("00112233445566778899aabbccddeeff").toHex()));
  }
}
