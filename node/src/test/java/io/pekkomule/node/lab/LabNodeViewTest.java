package io.pekkomule.node.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.api.ApiEvent;
import io.pekkomule.node.api.ApiEvents;
import io.pekkomule.node.api.LookupRequest;
import io.pekkomule.node.api.PublishRequest;
import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.node.kad.routing.RoutingContact;
import io.pekkomule.node.kad.routing.TableView;
import io.pekkomule.node.kad.routing.UdpKey;
import io.pekkomule.node.kad.routing.ZoneView;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The lab view's contact events (table differences) and what it refuses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabNodeViewTest {
  private static final KadId OWN = KadId.fromHex("00000000000000000000000000000001");
  private static final KadId A = KadId.fromHex("80000000000000000000000000000000");
  private static final KadId B = KadId.fromHex("40000000000000000000000000000000");
  private ActorTestKit kit;

  @BeforeAll
  void start() {
    kit = ActorTestKit.create("LabNodeViewTest");
  }

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  private static RoutingContact contact(KadId id, int lastOctet, ContactState state) {
    return new RoutingContact(id, Ipv4UdpEndpoint.of("198.51.100." + lastOctet, 4672), 8,
        UdpKey.EMPTY, state != ContactState.SEEN, 3, state, 0, 0, 0, false, 0);
  }

  private static TableView table(RoutingContact... cs) {
    return new TableView(OWN, 1000, List.of(new ZoneView(0, 0, List.of(cs), List.of(), 0, 0)));
  }

  @Test
  void tableDifferencesBecomeContactEvents() throws Exception {
    ApiEvents events = ApiEvents.create(kit.system(), 64);
    LabNodeView view = new LabNodeView(new LabWatch(new SimpleMeterRegistry(), false),
        kit.system(), events, Duration.ofHours(1));
    try {
      java.util.concurrent.ConcurrentLinkedQueue<ApiEvent> seen =
          new java.util.concurrent.ConcurrentLinkedQueue<>();
      view.events().runWith(Sink.foreach(seen::add), kit.system());
      // the subscriber registers with the hub asynchronously: send markers until it sees one
      ApiEvent marker = new ApiEvent.ShaperAlarmRaised(java.time.Instant.EPOCH, "marker", "m", 0);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!seen.contains(marker) && System.nanoTime() < deadline) {
        events.publish(marker);
        Thread.sleep(20);
      }
      view.diff(table(contact(A, 1, ContactState.CHALLENGED)));
      view.diff(table(contact(A, 1, ContactState.VERIFIED), contact(B, 2, ContactState.SEEN)));
      view.diff(table(contact(B, 2, ContactState.SEEN)));
      List<ApiEvent.ContactChanged> got = new ArrayList<>();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        got = seen.stream().filter(e -> e instanceof ApiEvent.ContactChanged)
            .map(e -> (ApiEvent.ContactChanged) e).toList();
        if (got.size() >= 4) {
          break;
        }
        Thread.sleep(20);
      }
      assertEquals(4, got.size(), got.toString());
      assertEquals(ApiEvent.ContactChanged.Change.ADDED, got.get(0).change());
      assertEquals(A, got.get(0).kadId());
      assertEquals("198.51.100.1:4672", got.get(0).b32(), "the endpoint text");
      // A verified and B added, in either order
      assertTrue(got.subList(1, 3).stream().anyMatch(e -> e.kadId().equals(A)
          && e.change() == ApiEvent.ContactChanged.Change.UPDATED
          && e.state() == ContactState.VERIFIED), got.toString());
      assertTrue(got.subList(1, 3).stream().anyMatch(e -> e.kadId().equals(B)
          && e.change() == ApiEvent.ContactChanged.Change.ADDED), got.toString());
      assertEquals(ApiEvent.ContactChanged.Change.REMOVED, got.get(3).change());
      assertEquals(A, got.get(3).kadId());
      assertNull(got.get(3).b32());
    } finally {
      view.close();
      events.close();
    }
  }

  @Test
  void searchesPublicationsAndLookupsAfterTheNodesStoppedAre503() {
    ApiEvents events = ApiEvents.create(kit.system(), 64);
    LabWatch watch = new LabWatch(new SimpleMeterRegistry(), false);
    LabNodeView view = new LabNodeView(watch, kit.system(), events, Duration.ofHours(1));
    try {
      assertEquals(503, status(() -> view.startLookup(new LookupRequest.Keyword("ubuntu iso"))));
      assertEquals(503, status(() -> view.publish(new PublishRequest.Source(A, 1))));
      watch.stopped();
      assertEquals(503, status(() -> view.startLookup(new LookupRequest.Node(A))));
      assertTrue(view.lab().toCompletableFuture().join().isPresent(), "a lab view is a lab");
    } finally {
      view.close();
      events.close();
    }
  }

  private static int status(java.util.function.Supplier<java.util.concurrent.CompletionStage<String>> call) {
    try {
      call.get().toCompletableFuture().join();
      return 200;
    } catch (CompletionException e) {
      return ((io.pekkomule.node.api.ApiException) e.getCause()).status();
    }
  }
}
