package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.SecretBytes;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.persistence.identity.IdentityStore;
import io.pekkomule.protocol.I2pDestination;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityCommandTest {
  private static final Pattern LINE =
      Pattern.compile("kadId=[0-9A-F]{32} b32=([a-z2-7]{52}\\.b32\\.i2p|none)\n");

  private static I2pDestination destination() {
    byte[] raw = new byte[I2pDestination.BYTES];
    new Random(11).nextBytes(raw);
    raw[0] = 1;
    raw[384] = 0;
    raw[385] = 0;
    raw[386] = 0;
    return I2pDestination.of(raw);
  }

  private static byte[] privateKeys() {
    byte[] raw = new byte[663];
    new Random(12).nextBytes(raw);
    return raw;
  }

  /** A node's first start on {@code dir}, as the node will do it, optionally with keys. */
  private static Identity createIdentity(Path dir, DestinationKeys keys) throws Exception {
    Config config = JournalConfig.forDataDir(ConfigLoader.load(null), dir);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "node", config);
    try {
      Identity id = IdentityStore.loadOrCreate(system, dir).toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (keys != null) {
        id = IdentityStore.storeDestinationKeys(system, keys).toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      return id;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void showPrintsKadIdAndB32Only(@TempDir Path dir) throws Exception {
    byte[] priv = privateKeys();
    DestinationKeys keys = new DestinationKeys(destination(), SecretBytes.of(priv));
    Identity id = createIdentity(dir, keys);
    CliRun r = CliRun.of("identity", "show", "--data", dir.toString());
    assertEquals(Cli.OK, r.exit(), r.err());
    assertEquals("kadId=" + id.kadId().toHex() + " b32=" + destination().toB32() + "\n", r.out());
    assertTrue(LINE.matcher(r.out()).matches(), r.out());
    String all = r.out() + r.err();
    assertFalse(all.contains(HexFormat.of().formatHex(priv, 400, 420)), "no private key bytes");
    assertFalse(all.contains(Base64.getEncoder().encodeToString(priv).substring(540, 560)));
    assertFalse(all.contains(Long.toString(id.udpVerifySecret())), "no secret");
  }

  @Test
  void showWithoutDestinationPrintsNone(@TempDir Path dir) throws Exception {
    Identity id = createIdentity(dir, null);
    CliRun r = CliRun.of("identity", "show", "--data", dir.toString());
    assertEquals(Cli.OK, r.exit(), r.err());
    assertEquals("kadId=" + id.kadId().toHex() + " b32=none\n", r.out());
  }

  @Test
  void showOnADirectoryWithoutIdentityExits2(@TempDir Path dir) {
    CliRun r = CliRun.of("identity", "show", "--data", dir.toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("identity show: " + dir + ": no identity"), r.err());
    assertFalse(JournalConfig.h2DatabaseFile(dir).toFile().exists(), "show creates nothing");
  }

  @Test
  void showOnAMissingDirectoryExits2(@TempDir Path dir) {
    CliRun r = CliRun.of("identity", "show", "--data", dir.resolve("nope").toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("no such data directory"), r.err());
  }

  @Test
  void rotateNeedsConfirmAndThenReplacesTheIdentity(@TempDir Path dir) throws Exception {
    Identity before = createIdentity(dir, new DestinationKeys(destination(), SecretBytes.of(privateKeys())));
    CliRun refused = CliRun.of("identity", "rotate", "--data", dir.toString());
    assertEquals(Cli.BAD_INPUT, refused.exit());
    assertTrue(refused.err().contains("--confirm"), refused.err());
    assertEquals("kadId=" + before.kadId().toHex() + " b32=" + destination().toB32() + "\n",
        CliRun.of("identity", "show", "--data", dir.toString()).out(), "unchanged");

    CliRun rotated = CliRun.of("identity", "rotate", "--confirm", "--data", dir.toString());
    assertEquals(Cli.OK, rotated.exit(), rotated.err());
    assertTrue(LINE.matcher(rotated.out()).matches(), rotated.out());
    assertTrue(rotated.out().endsWith(" b32=none\n"), "the destination goes with the old identity");
    assertNotEquals("kadId=" + before.kadId().toHex() + " b32=none\n", rotated.out());
    assertEquals(rotated.out(), CliRun.of("identity", "show", "--data", dir.toString()).out());
  }
}
