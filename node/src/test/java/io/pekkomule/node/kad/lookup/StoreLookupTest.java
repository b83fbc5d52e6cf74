package io.pekkomule.node.kad.lookup;

import static io.pekkomule.node.kad.lookup.LookupTest.A;
import static io.pekkomule.node.kad.lookup.LookupTest.B;
import static io.pekkomule.node.kad.lookup.LookupTest.C;
import static io.pekkomule.node.kad.lookup.LookupTest.E;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.lookup.LookupEffect.SendDataRequest;
import io.pekkomule.node.kad.lookup.LookupEvent.Start;
import io.pekkomule.node.kad.lookup.LookupEvent.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store lookup sends its data request to every close node that answers a REQ. */
class StoreLookupTest {
  final FakeClock clock = new FakeClock();

  LookupStep at(Lookup l, long millis, LookupEvent e) {
    clock.set(io.pekkomule.node.kad.KadFixtures.T0 + millis);
    return l.advance(e);
  }

  @Test
  void theClosestAnsweringNodeGetsTheDataRequest() {
    LookupConfig cfg = new LookupConfig(3, Duration.ofSeconds(15), Duration.ofSeconds(45), 6,
        Duration.ZERO, false, 11);
    Lookup l = new Lookup(LookupType.STOREFILE, LookupTest.TARGET, LookupTest.SELF, cfg, clock);
    List<LookupEffect> all = new ArrayList<>();
    all.addAll(at(l, 0, new Start(List.of(C, A, B))).effects());
    all.addAll(at(l, 1100, new Tick()).effects());
    all.addAll(at(l, 5000, LookupTest.res(B, C, E)).effects());
    all.addAll(at(l, 6000, new Tick()).effects());
    all.addAll(at(l, 8000, LookupTest.res(A, C, E)).effects());
    for (int t = 9000; t < 30000; t += 2000) {
      all.addAll(at(l, t, new Tick()).effects());
    }
    System.out.println(all);
    assertTrue(all.contains(new SendDataRequest(A)), all.toString());
    assertTrue(all.contains(new SendDataRequest(B)), all.toString());
  }
}
