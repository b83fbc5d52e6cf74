package io.pekkomule.node.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pekkomule.protocol.KadId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReqRankRecorderTest {

  @Test
  void rankIsThePositionAmongTheLiveNodesByDistanceToTheKeySenderLeftOut() {
    SplittableRandom r = new SplittableRandom(7);
    List<KadId> alive = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      alive.add(KadId.random(r));
    }
    KadId key = KadId.random(r);
    List<KadId> sorted = new ArrayList<>(alive);
    sorted.sort(Comparator.comparing((KadId id) -> id.xor(key)));
    KadId sender = sorted.get(3);
    for (int i = 0; i < sorted.size(); i++) {
      KadId receiver = sorted.get(i);
      if (receiver.equals(sender)) {
        continue;
      }
      int expected = i > 3 ? i - 1 : i; // the sender does not count
      assertEquals(expected, ReqRankRecorder.rank(receiver, key, sender, alive), "at " + i);
    }
  }
}
