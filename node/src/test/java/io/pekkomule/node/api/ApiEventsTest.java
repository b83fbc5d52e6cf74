package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ApiEventsTest {
  private static final ActorTestKit kit = ActorTestKit.create("ApiEventsTest");

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static ApiEvent contact(int n) {
    return new ApiEvent.ContactChanged(Instant.EPOCH.plusSeconds(n), ApiEvent.ContactChanged.Change.ADDED,
        new KadId(0, n), null, ContactState.SEEN);
  }

  @Test
  void publishingWithoutSubscribersNeverBlocksAndLeavesNoBacklog() throws Exception {
    try (ApiEvents events = ApiEvents.create(kit.system(), 16)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 10_000; i++) {
        events.publish(contact(i));
      }
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
      Thread.sleep(200); // let the permanent subscriber drain the hub
      CompletionStage<List<ApiEvent>> got = events.source().takeWithin(java.time.Duration.ofSeconds(3))
          .filter(e -> e.at().getEpochSecond() >= 1_000_000)
          .take(1)
          .runWith(Sink.seq(), kit.system());
      ApiEvent fresh = contact(1_000_000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (!got.toCompletableFuture().isDone() && System.nanoTime() < deadline) {
        events.publish(fresh);
        Thread.sleep(50);
      }
      assertEquals(List.of(fresh), got.toCompletableFuture().get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void everySubscriberSeesTheSameEventsAndCloseCompletesThem() throws Exception {
    ApiEvents events = ApiEvents.create(kit.system(), 16);
    List<java.util.concurrent.ConcurrentLinkedQueue<ApiEvent>> seen = List.of(
        new java.util.concurrent.ConcurrentLinkedQueue<>(), new java.util.concurrent.ConcurrentLinkedQueue<>());
    List<CompletionStage<org.apache.pekko.Done>> done = new java.util.ArrayList<>();
    for (var q : seen) {
      done.add(events.source().runWith(Sink.foreach(q::add), kit.system()));
    }
    // Subscribers register with the hub asynchronously: send markers until both see one.
    ApiEvent marker = contact(-1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (seen.stream().anyMatch(q -> !q.contains(marker)) && System.nanoTime() < deadline) {
      events.publish(marker);
      Thread.sleep(20);
    }
    events.publish(contact(1));
    events.publish(contact(2));
    events.close();
    for (int i = 0; i < 2; i++) {
      done.get(i).toCompletableFuture().get(5, TimeUnit.SECONDS);
      List<ApiEvent> after = seen.get(i).stream().filter(e -> !e.equals(marker)).toList();
      assertEquals(List.of(contact(1), contact(2)), after);
    }
  }
}
