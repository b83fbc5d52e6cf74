package io.pekkomule.node.kad.search;

import static io.pekkomule.node.kad.KadFixtures.dest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The publisher takes the recovered schedule: what is not due yet stays quiet. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublisherResumeTest {
  private final ActorTestKit kit = ActorTestKit.create("PublisherResumeTest");

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void recoveredFilesArePublishedOnTheirRecordedSchedule() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    KadIdentity self = new KadIdentity(new KadId(5, 5), dest(1), dest(1), 7, 8);
    SharedFile later = SharedFile.complete(new KadId(1, 1), "later.zip", 10);
    SharedFile overdue = SharedFile.complete(new KadId(2, 2), "overdue.zip", 20);
    List<String> written = new CopyOnWriteArrayList<>();
    PublicationJournal journal = new PublicationJournal() {
      @Override
      public void shared(SharedFile f, long at) {
        written.add("shared " + f.name());
      }

      @Override
      public void unshared(KadId fileId, long at) {
        written.add("unshared " + fileId);
      }

      @Override
      public void published(JobKind kind, KadId target, List<KadId> files, long at, long next) {
        written.add("published " + kind);
      }

      @Override
      public Recovered recovered() {
        return new Recovered(List.of(later, overdue), Set.of(),
            Map.of(JobKind.SOURCE, Map.of(later.fileId(), now.plusSeconds(3600).toEpochMilli(),
                overdue.fileId(), now.minusSeconds(3600).toEpochMilli())));
      }
    };
    Publisher.Settings settings = Publisher.Settings.defaults(
            io.pekkomule.node.kad.KadNodeSettings.OUR_LOOKUPS)
        .withSchedule(RepublishScheduler.Config.DEFAULT.withFirstWindow(Duration.ZERO,
            Duration.ZERO));
    TestProbe<Lookups.Command> lookups = kit.createTestProbe();
    var publisher = kit.spawn(Publisher.create(self, new KadId(3, 3), settings, lookups.ref(),
        InstantSource.fixed(now), 1, journal));

    Lookups.Start first = lookups.expectMessageClass(Lookups.Start.class, Duration.ofSeconds(10));
    assertEquals(LookupType.STOREFILE, first.spec().type());
    assertEquals(overdue.fileId(), first.spec().target(), "the overdue source goes out");
    lookups.expectNoMessage(Duration.ofSeconds(3)); // the other is due in an hour

    publisher.tell(new Publisher.Share(later));
    publisher.tell(new Publisher.Share(SharedFile.complete(new KadId(4, 4), "new.zip", 30)));
    publisher.tell(new Publisher.Unshare(new KadId(4, 4)));
    lookups.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(List.of("shared new.zip", "unshared " + new KadId(4, 4)), written,
          "an already shared file is not written again");
      return null;
    });
  }
}
