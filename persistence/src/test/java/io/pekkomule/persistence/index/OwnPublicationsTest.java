package io.pekkomule.persistence.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.EsTestKits;
import io.pekkomule.persistence.TestValues;
import io.pekkomule.persistence.index.PublicationEvent.PublicationPublished;
import io.pekkomule.persistence.index.PublicationEvent.PublicationRegistered;
import io.pekkomule.persistence.index.PublicationEvent.PublicationWithdrawn;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnPublicationsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final KadId KEYWORD = TestValues.kadId(1);
  private static final KadId FILE = TestValues.kadId(2);

  private final ActorTestKit testKit = ActorTestKit.create(EsTestKits.config());
  private final EventSourcedBehaviorTestKit<OwnPublications.Command, PublicationEvent, PublicationsState> es =
      EventSourcedBehaviorTestKit.create(testKit.system(), OwnPublications.create(3),
          EsTestKits.serialization());

  @AfterAll
  void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    es.clear();
  }

  private void register(PublicationKind kind, KadId target, KadId file, Instant due) {
    es.<Done>runCommand(r -> new OwnPublications.Register(kind, target, file, T0, due, r));
  }

  private List<Publication> due(Instant now) {
    return es.<List<Publication>>runCommand(r -> new OwnPublications.Due(now, r)).reply();
  }

  @Test
  void registerIsIdempotent() {
    var r = es.<Done>runCommand(x -> new OwnPublications.Register(PublicationKind.KEYWORD, KEYWORD, FILE, T0,
        T0.plusSeconds(30), x));
    assertEquals(new PublicationRegistered(new Publication(PublicationKind.KEYWORD, KEYWORD, FILE, T0,
        Optional.empty(), T0.plusSeconds(30))), r.event());
    assertTrue(es.<Done>runCommand(x -> new OwnPublications.Register(PublicationKind.KEYWORD, KEYWORD, FILE,
        T0.plusSeconds(1), T0.plusSeconds(99), x)).hasNoEvents());
  }

  @Test
  void publishedMovesTheNextRepublishTime() {
    register(PublicationKind.SOURCE, FILE, FILE, T0);
    assertEquals(1, due(T0).size());
    Instant next = T0.plusSeconds(60).plus(PublicationKind.SOURCE.republishInterval());
    var r = es.<StatusReply<Done>>runCommand(x -> new OwnPublications.RecordPublished(
        PublicationKind.SOURCE, FILE, FILE, T0.plusSeconds(60), next, x));
    assertEquals(new PublicationPublished(PublicationKind.SOURCE, FILE, FILE, T0.plusSeconds(60), next),
        r.event());
    assertTrue(due(T0.plus(Duration.ofHours(5))).isEmpty());
    assertEquals(Optional.of(T0.plusSeconds(60)), due(next).get(0).lastPublished());
  }

  @Test
  void publishedForAnUnknownPublicationFails() {
    var r = es.<StatusReply<Done>>runCommand(x -> new OwnPublications.RecordPublished(
        PublicationKind.NOTES, FILE, FILE, T0, T0, x));
    assertTrue(r.hasNoEvents());
    assertEquals(OwnPublications.UNKNOWN, r.reply().getError().getMessage());
  }

  @Test
  void dueListsMostOverdueFirstAndWithdrawRemoves() {
    register(PublicationKind.KEYWORD, KEYWORD, FILE, T0.plusSeconds(20));
    register(PublicationKind.SOURCE, FILE, FILE, T0.plusSeconds(10));
    register(PublicationKind.NOTES, FILE, FILE, T0.plusSeconds(99));
    assertEquals(List.of(PublicationKind.SOURCE, PublicationKind.KEYWORD),
        due(T0.plusSeconds(30)).stream().map(Publication::kind).toList());
    var r = es.<Done>runCommand(x -> new OwnPublications.Withdraw(PublicationKind.SOURCE, FILE, FILE, T0, x));
    assertEquals(new PublicationWithdrawn(PublicationKind.SOURCE, FILE, FILE, T0), r.event());
    assertEquals(List.of(PublicationKind.KEYWORD),
        due(T0.plusSeconds(30)).stream().map(Publication::kind).toList());
  }

  @Test
  void restartKeepsNextRepublishTimes() {
    register(PublicationKind.KEYWORD, KEYWORD, FILE, T0.plusSeconds(20));
    register(PublicationKind.SOURCE, FILE, FILE, T0.plusSeconds(10));
    es.<StatusReply<Done>>runCommand(x -> new OwnPublications.RecordPublished(
        PublicationKind.SOURCE, FILE, FILE, T0.plusSeconds(11), T0.plus(Duration.ofHours(5)), x));
    register(PublicationKind.NOTES, FILE, FILE, T0.plusSeconds(99));
    PublicationsState live = es.getState();
    assertEquals(live, es.restart().state());
    assertEquals(List.of(PublicationKind.KEYWORD, PublicationKind.NOTES),
        due(T0.plusSeconds(100)).stream().map(Publication::kind).toList());
  }

  @Test
  void sharedFilesAreKeptAndUnsharingForgetsTheirPublications() {
    SharedFileRecord f = new SharedFileRecord("a b.avi", 1000, true, java.util.Optional.empty(),
        java.util.Optional.of(4), java.util.Optional.empty());
    var shared = es.<Done>runCommand(r -> new OwnPublications.ShareFile(FILE, f, T0, r));
    assertEquals(new PublicationEvent.FileShared(FILE, f, T0), shared.event());
    assertTrue(es.<Done>runCommand(r -> new OwnPublications.ShareFile(FILE, f, T0, r))
        .hasNoEvents(), "the same description again writes nothing");
    es.<Done>runCommand(r -> new OwnPublications.Register(PublicationKind.SOURCE, FILE, FILE, T0,
        T0.plusSeconds(60), r));
    var all = es.<PublicationsState>runCommand(OwnPublications.GetAll::new).reply();
    assertEquals(f, all.files().get(FILE.toHex()));
    assertEquals(1, all.publications().size());
    es.restart();
    assertEquals(f, es.<PublicationsState>runCommand(OwnPublications.GetAll::new).reply().files()
        .get(FILE.toHex()), "recovered from the journal");
    var gone = es.<Done>runCommand(r -> new OwnPublications.UnshareFile(FILE, T0, r));
    assertEquals(new PublicationEvent.FileUnshared(FILE, T0), gone.event());
    assertTrue(gone.state().files().isEmpty());
    assertTrue(gone.state().publications().isEmpty());
  }
}
