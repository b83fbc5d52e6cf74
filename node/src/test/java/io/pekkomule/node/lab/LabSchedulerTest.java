package io.pekkomule.node.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.Cancellable;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

/** The lab's event queue runs tasks in (due time, scheduling order), cancelled ones never. */
class LabSchedulerTest {

  private record Planned(long at, int order, boolean cancelled) {}

  @Test
  void runsTasksInDueTimeThenSchedulingOrderAndSkipsCancelled() {
    LabLoop loop = LabLoop.create("sched-test-" + System.nanoTime());
    try {
      LabScheduler s = new LabScheduler(
          ConfigFactory.parseString("pekko-mule.lab.loop = \"" + loopName(loop) + "\""), null,
          null);
      SplittableRandom r = new SplittableRandom(7);
      List<Planned> planned = new ArrayList<>();
      List<Integer> ran = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        long at = r.nextInt(500) * 1_000L; // many equal due times: order must break the ties
        int order = i;
        Cancellable c = s.scheduleOnce(FiniteDuration.fromNanos(at), () -> ran.add(order), null);
        boolean cancel = r.nextInt(3) == 0; // enough cancellations to trigger a queue rebuild
        if (cancel) {
          c.cancel();
        }
        planned.add(new Planned(at, order, cancel));
      }
      while (s.runNext(Long.MAX_VALUE - 1)) {
        // run everything
      }
      List<Integer> expected = planned.stream().filter(p -> !p.cancelled())
          .sorted(Comparator.comparingLong(Planned::at).thenComparingInt(Planned::order))
          .map(Planned::order).toList();
      assertEquals(expected, ran);
      assertEquals(499_000L, s.nanos());
      assertFalse(s.runNext(Long.MAX_VALUE - 1));
    } finally {
      loop.close();
    }
  }

  private static String loopName(LabLoop loop) {
    String c = loop.config();
    int a = c.indexOf('"') + 1;
    return c.substring(a, c.indexOf('"', a));
  }
}
