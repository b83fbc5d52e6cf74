package io.pekkomule.node.kad.search;

import static io.pekkomule.node.kad.KadFixtures.dest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The publisher tells whether a share was new, reports every store lookup's end (PUBLISH_RES
 * count, termination, next time) to its watchers and lists shared files with their items.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublisherReportsTest {
  private final ActorTestKit kit = ActorTestKit.create("PublisherReportsTest");

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void sharesAreAnsweredJobEndsReportedAndItemsListed() {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    KadIdentity self = new KadIdentity(new KadId(5, 5), dest(1), dest(1), 7, 8);
    Publisher.Settings settings = Publisher.Settings.defaults(
            io.pekkomule.node.kad.KadNodeSettings.OUR_LOOKUPS)
        .withSchedule(RepublishScheduler.Config.DEFAULT.withFirstWindow(Duration.ZERO,
            Duration.ZERO));
    TestProbe<Lookups.Command> lookups = kit.createTestProbe();
    var publisher = kit.spawn(Publisher.create(self, new KadId(3, 3), settings, lookups.ref(),
        InstantSource.fixed(now), 1));
    TestProbe<Publisher.JobFinished> watcher = kit.createTestProbe();
    TestProbe<Publisher.Shared> shared = kit.createTestProbe();
    publisher.tell(new Publisher.Watch(watcher.ref()));

    SharedFile file = SharedFile.complete(new KadId(1, 1), "big buck bunny.avi", 10);
    publisher.tell(new Publisher.Share(file, shared.ref()));
    assertTrue(shared.receiveMessage().added());
    publisher.tell(new Publisher.Share(file, shared.ref()));
    assertFalse(shared.receiveMessage().added(), "a file shared already");

    // the source lookup: two nodes acknowledge
    Lookups.Start src = lookups.expectMessageClass(Lookups.Start.class, Duration.ofSeconds(10));
    assertEquals(LookupType.STOREFILE, src.spec().type());
    PublishPhase phase = (PublishPhase) src.spec().data();
    phase.published(Kad2PublishRes.forSource(file.fileId(), 3, 1, 10));
    phase.published(Kad2PublishRes.forSource(file.fileId(), 3, 1, 10));
    phase.finished(new LookupOutcome(1, LookupType.STOREFILE, file.fileId(),
        Termination.CONVERGED, 2, List.of(), List.of(), 6, now.toEpochMilli(), now.toEpochMilli()));
    Publisher.JobFinished f = watcher.receiveMessage(Duration.ofSeconds(10));
    assertEquals(JobKind.SOURCE, f.kind());
    assertEquals(List.of(file.fileId()), f.files());
    assertEquals(2, f.stored());
    assertTrue(f.success());
    assertEquals(Termination.CONVERGED, f.termination());
    assertEquals(6, f.requests());
    long lifetime = Duration.ofHours(5).toMillis();
    assertTrue(f.nextDueMillis() >= now.toEpochMilli() + lifetime / 2
        && f.nextDueMillis() <= now.toEpochMilli() + lifetime, "republished inside 5 h");

    // the list: the source with its last job, the keywords queued after the source went out
    TestProbe<Publisher.Publications> list = kit.createTestProbe();
    publisher.tell(new Publisher.ListPublications(list.ref()));
    Publisher.Publications ps = list.receiveMessage();
    assertEquals(1, ps.files().size());
    Publisher.Publication p = ps.files().get(0);
    assertEquals(file, p.file());
    assertEquals(now.toEpochMilli(), p.sharedMillis());
    Publisher.Item source = p.items().stream().filter(i -> i.kind() == JobKind.SOURCE)
        .findFirst().orElseThrow();
    assertEquals(f, source.last());
    assertEquals(f.nextDueMillis(), source.dueMillis());
    Set<KadId> keywords = p.items().stream().filter(i -> i.kind() == JobKind.KEYWORD)
        .map(Publisher.Item::target).collect(Collectors.toSet());
    assertEquals(KeywordHasher.publishWords(file.name()).stream().map(KeywordHasher::hash)
        .collect(Collectors.toSet()), keywords);
    p.items().stream().filter(i -> i.kind() == JobKind.KEYWORD)
        .forEach(i -> assertNull(i.last()));
  }
}
