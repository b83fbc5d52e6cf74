package io.pekkomule.node.kad.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.search.CoverLookups;
import io.pekkomule.node.kad.search.CoverPlanner;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The cover shell starts ordinary-looking lookups on its own timer (manual time). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverLookupsTest {
  private final ActorTestKit kit = KadShellKit.manualTimeKit("cover");
  private final ManualTime time = ManualTime.get(kit.system());

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void coverLookupsStartAsInteractiveLookupsAtAboutTheConfiguredRate() {
    TestProbe<Lookups.Command> lookups = kit.createTestProbe();
    kit.spawn(CoverLookups.create(new CoverPlanner.Config(60, 10, 0.4, 0.3),
        KadNodeSettings.OUR_LOOKUPS, lookups.ref(), KadShellKit.clock(kit.system()), 7));
    List<Lookups.Start> starts = new ArrayList<>();
    // small steps: a firing re-arms the timer only once the actor has processed it
    for (int step = 0; step < 360; step++) {
      time.timePasses(Duration.ofSeconds(10));
    }
    try {
      while (true) {
        starts.add((Lookups.Start) lookups.receiveMessage(Duration.ofMillis(300)));
      }
    } catch (AssertionError none) {
      // all received
    }
    assertTrue(starts.size() >= 40 && starts.size() <= 85, "about 60 in an hour: " + starts.size());
    for (Lookups.Start s : starts) {
      assertEquals(UrgencyClass.INTERACTIVE, s.spec().urgency(), "looks like a real search");
      assertEquals(Origin.COVER, s.spec().origin());
      assertEquals(s.spec().type() != LookupType.NODE, s.spec().data() != null);
    }
  }

  @Test
  void coverPublishesStartAsRoutinePublishLookupsAndOwnPublishesTakeTheirPlace() {
    TestProbe<Lookups.Command> lookups = kit.createTestProbe();
    var id = KadShellKit.identity(new java.util.Random(3));
    var cover = kit.spawn(CoverLookups.create(
        new CoverPlanner.Config(1, 1, 0.6, 0.4, 60, 5, 2.0 / 3), KadNodeSettings.OUR_LOOKUPS,
        id, io.pekkomule.node.kad.search.Publisher.userHashOf(id),
        io.pekkomule.node.kad.search.Publisher.Settings.ROUTINE_LOOKUPS,
        to -> to.tell(CoverPlanner.Vocabulary.EMPTY), lookups.ref(),
        KadShellKit.clock(kit.system()), 9));
    List<Lookups.Start> first = run(lookups);
    // 60 publish lookups an hour = 20 phantom shares; their keywords follow only an acknowledged
    // source publish, which this probe never runs
    long publishes = first.stream().filter(s -> s.spec().type() == LookupType.STOREFILE).count();
    assertTrue(publishes >= 12 && publishes <= 30, "about 20 shares in an hour: " + publishes);
    assertEquals(0, first.stream().filter(s -> s.spec().type() == LookupType.STOREKEYWORD)
        .count(), "no keyword before its source was acknowledged");
    for (Lookups.Start s : first) {
      if (s.spec().type() == LookupType.STOREKEYWORD || s.spec().type() == LookupType.STOREFILE) {
        assertEquals(UrgencyClass.ROUTINE, s.spec().urgency(), "as the Publisher's lookups");
        assertEquals(Origin.COVER, s.spec().origin());
        assertTrue(s.spec().data() instanceof io.pekkomule.node.kad.search.PublishPhase);
      }
    }
    // the node publishes 60 an hour itself: cover drops to its minimum
    for (int i = 0; i < 60; i++) {
      cover.tell(CoverLookups.OwnPublish.INSTANCE);
    }
    List<Lookups.Start> second = run(lookups);
    long after = second.stream().filter(s -> s.spec().type() == LookupType.STOREFILE).count();
    assertTrue(after <= publishes - 5, "own publishes replace about 10 of the " + publishes
        + " shares: " + after);
  }

  private List<Lookups.Start> run(TestProbe<Lookups.Command> lookups) {
    for (int step = 0; step < 120; step++) {
      time.timePasses(Duration.ofSeconds(30));
    }
    List<Lookups.Start> starts = new ArrayList<>();
    try {
      while (true) {
        starts.add((Lookups.Start) lookups.receiveMessage(Duration.ofMillis(300)));
      }
    } catch (AssertionError none) {
      // all received
    }
    return starts;
  }
}
