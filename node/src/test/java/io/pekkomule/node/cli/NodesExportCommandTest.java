package io.pekkomule.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.pekkomule.persistence.JournalConfig;
import io.pekkomule.persistence.NodeStore;
import io.pekkomule.persistence.SecretBytes;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.persistence.identity.IdentityStore;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.files.NodesDat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nodes export}: this node and its verified contacts, from the journal of a stopped node. */
class NodesExportCommandTest {
  @TempDir Path tmp;

  static I2pDestination dest(Random rnd) {
    byte[] b = new byte[I2pDestination.BYTES];
    rnd.nextBytes(b);
    b[0] |= 1;
    b[384] = 0;
    b[385] = 0;
    b[386] = 0;
    return I2pDestination.of(b);
  }

  @Test
  void exportsThisNodeAndVerifiedContactsOnly() throws Exception {
    Path dir = tmp.resolve("data");
    java.nio.file.Files.createDirectories(dir);
    Config config = JournalConfig.forDataDir(ConfigLoader.load(null), dir);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "node", config);
    Random rnd = new Random(5);
    I2pDestination own = dest(rnd);
    KadId verified = new KadId(rnd.nextLong() | 1, 1);
    KadId unverified = new KadId(rnd.nextLong() | 1, 2);
    Identity id;
    try {
      IdentityStore.loadOrCreate(system, dir).toCompletableFuture().get(60, TimeUnit.SECONDS);
      id = IdentityStore.storeDestinationKeys(system,
          new DestinationKeys(own, SecretBytes.of(new byte[] {1, 2, 3})))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      Instant now = Instant.now();
      for (StoredContact c : List.of(
          StoredContact.fresh(verified, dest(rnd), 8, true, now),
          StoredContact.fresh(unverified, dest(rnd), 8, false, now))) {
        AskPattern.<RoutingBuckets.Command, Done>ask(NodeStore.get(system).buckets(),
            r -> new RoutingBuckets.AddContact(c, r), Duration.ofSeconds(15), system.scheduler())
            .toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    Path out = tmp.resolve("export.dat");
    CliRun r = CliRun.of("nodes", "export", "--data", dir.toString(), "--out", out.toString());
    assertEquals(Cli.OK, r.exit(), r.err());
    assertEquals("exported=2 file=" + out, r.out().trim());
    NodesDat file = NodesDat.read(out);
    assertEquals(2, file.formatVersion());
    assertEquals(List.of(id.kadId(), verified),
        file.entries().stream().map(NodesDat.Entry::id).toList());
    assertEquals(own, file.entries().get(0).udpDest());
    assertTrue(file.entries().stream().allMatch(NodesDat.Entry::verified));
  }

  @Test
  void missingDataDirectoryOrJournalIsExit2() throws Exception {
    CliRun r = CliRun.of("nodes", "export", "--data", tmp.resolve("none").toString(), "--out",
        tmp.resolve("x.dat").toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("no such data directory"), r.err());
    java.nio.file.Files.createDirectories(tmp.resolve("empty"));
    r = CliRun.of("nodes", "export", "--data", tmp.resolve("empty").toString(), "--out",
        tmp.resolve("x.dat").toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
    assertTrue(r.err().contains("no node state"), r.err());
    r = CliRun.of("nodes", "export", "--data", tmp.resolve("empty").toString());
    assertEquals(Cli.BAD_INPUT, r.exit());
  }
}
