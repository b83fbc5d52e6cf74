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
}
