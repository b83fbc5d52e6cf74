package io.pekkomule.persistence.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.pekkomule.persistence.NodeStore;
import io.pekkomule.persistence.SchemaBootstrap;
import io.pekkomule.persistence.TestValues;
import io.pekkomule.persistence.buckets.RecoveryReport;
import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.buckets.StoredContact;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.persistence.identity.Identity;
import io.pekkomule.persistence.identity.IdentityState;
import io.pekkomule.persistence.identity.IdentityStore;
import io.pekkomule.persistence.identity.NodeIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * The restart scenario both real journals (H2 file, PostgreSQL) must pass: two actor systems in
 * sequence on the same database, the second sees the first one's identity and contacts.
 */
final class JournalRecoveryScenario {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private JournalRecoveryScenario() {}

  /** Returns the second start's recovery time (identity load) in milliseconds. */
  static long run(Config config, Path dataDir, String name) throws Exception {
    Identity first;
    DestinationKeys keys = new DestinationKeys(TestValues.destination(3), TestValues.privateKeys(3));
    Instant t0 = Instant.now().minus(Duration.ofHours(3));
    ActorTestKit one = ActorTestKit.create(name + "-1", config);
    try {
      first = IdentityStore.loadOrCreate(one.system(), dataDir).toCompletableFuture()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      Identity withKeys = IdentityStore.storeDestinationKeys(one.system(), keys).toCompletableFuture()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(Optional.of(keys), withKeys.destinationKeys());
      TestProbe<Done> done = one.createTestProbe();
      var buckets = NodeStore.get(one.system()).buckets();
      for (int i = 1; i <= 30; i++) {
        buckets.tell(new RoutingBuckets.AddContact(
            new StoredContact(TestValues.kadId(i), TestValues.destination(i), 8, 0, 0, true, i % 4,
                t0, Optional.empty(), t0, false), done.ref()));
        done.expectMessage(WAIT, Done.getInstance());
      }
    } finally {
      one.shutdownTestKit();
    }

    ActorTestKit two = ActorTestKit.create(name + "-2", config);
    try {
      long started = System.nanoTime();
      Identity again = IdentityStore.loadOrCreate(two.system(), dataDir).toCompletableFuture()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      long recoveryMillis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(first.kadId(), again.kadId(), "same KadID after restart");
      assertEquals(first.udpVerifySecret(), again.udpVerifySecret(), "same UDP verify-key secret");
      assertEquals(Optional.of(keys), again.destinationKeys(), "same destination keys");
      TestProbe<IdentityState> history = two.createTestProbe();
      NodeStore.get(two.system()).identity().tell(new NodeIdentity.GetHistory(history.ref()));
      assertEquals(2, history.expectMessageClass(IdentityState.class, WAIT).startCount());

      TestProbe<RecoveryReport> report = two.createTestProbe();
      NodeStore.get(two.system()).buckets().tell(new RoutingBuckets.ApplyDowntime(Instant.now(), report.ref()));
      RecoveryReport r = report.expectMessageClass(RecoveryReport.class, WAIT);
      assertEquals(30, r.contacts().size());
      assertTrue(r.downtime().compareTo(Duration.ofHours(3)) >= 0, "downtime " + r.downtime());
      assertTrue(r.contacts().stream().allMatch(StoredContact::reverifyPending),
          "survivors wait for the routing table's small timer to re-verify them");
      // the DDL is idempotent: running it again on a populated database is harmless
      SchemaBootstrap.ensureSchema(config);
      return recoveryMillis;
    } finally {
      two.shutdownTestKit();
    }
  }
}
