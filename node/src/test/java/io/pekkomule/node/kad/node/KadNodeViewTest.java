package io.pekkomule.node.kad.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.api.ApiEvent;
import io.pekkomule.node.api.ApiEvents;
import io.pekkomule.node.api.ApiException;
import io.pekkomule.node.api.BucketView;
import io.pekkomule.node.api.ContactView;
import io.pekkomule.node.api.IdentityView;
import io.pekkomule.node.api.KadNodeView;
import io.pekkomule.node.api.LookupRequest;
import io.pekkomule.node.api.LookupView;
import io.pekkomule.node.api.RoutingView;
import io.pekkomule.node.api.TransportView;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeDeps;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.contact.FileContact;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link KadNodeView} over real nodes wired by the switchboard, on manual time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KadNodeViewTest {
  private final ActorTestKit kit = KadShellKit.manualTimeKit("KadNodeViewTest");
  private final ManualTime time = ManualTime.get(kit.system());

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void routingLookupsTransportAndEvents() throws Exception {
    Random rnd = new Random(11);
    KadShellKit.Switchboard sw = new KadShellKit.Switchboard();
    KadIdentity a = KadShellKit.identity(rnd);
    KadIdentity b = KadShellKit.identity(rnd);
    ActorRef<KadNode.Command> nb = KadShellKit.spawnNode(kit, b, sw.portFor(new I2pEndpoint(b.udpDest())),
        KadMetrics.inMemory(), 2);
    sw.register(new I2pEndpoint(b.udpDest()), nb);
    KadNodeDeps deps = new KadNodeDeps(sw.portFor(new I2pEndpoint(a.udpDest())), KadShellKit.clock(kit.system()),
        1, KadMetrics.inMemory(), List.of(new FileContact(b.kad2Contact(), 0, 0, true)), false);
    ActorRef<KadNode.Command> na = kit.spawn(KadNode.create(KadNodeSettings.defaults(a), deps),
        "view-a");
    sw.register(new I2pEndpoint(a.udpDest()), na);

    ApiEvents events = ApiEvents.create(kit.system(), 64);
    KadNodeView view = KadNodeView.builder(kit.system(), na, new IdentityView(a.id(), "x.b32.i2p"),
        () -> new TransportView("in-memory", true, "test")).events(events).build();
    CompletionStage<List<ApiEvent>> firstEvents = view.events()
        .filter(e -> e instanceof ApiEvent.LookupProgressed).take(2)
        .runWith(Sink.seq(), kit.system());

    RoutingView r = await(view.routing());
    assertEquals(1, r.buckets().size());
    BucketView root = r.buckets().get(0);
    assertEquals("", root.prefix());
    assertEquals(1, root.contacts().size());
    ContactView c = root.contacts().get(0);
    assertEquals(b.id(), c.kadId());
    assertEquals(b.udpDest().toB32(), c.b32());
    assertTrue(c.verified());
    assertEquals(3, c.type());
    assertEquals(8, c.version());
    assertTrue(await(view.transport()).up());
    assertEquals(1, await(view.routingSummary()).contacts());

    // a node lookup runs on the node and ends with a termination reason
    KadId target = new KadId(rnd.nextLong(), rnd.nextLong());
    String id = await(view.startLookup(new LookupRequest.Node(target)));
    LookupView running = await(view.lookup(id)).orElseThrow().lookup();
    assertEquals(LookupView.State.RUNNING, running.state());
    assertNull(running.termination());
    // each poll lets one virtual second pass, so the lookup's ~2 s steps and timeouts run
    kit.createTestProbe().awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(20), () -> {
      time.timePasses(Duration.ofSeconds(1));
      assertEquals(LookupView.State.FINISHED,
          view.lookup(id).toCompletableFuture().join().orElseThrow().lookup().state());
      return null;
    });
    LookupView done = await(view.lookup(id)).orElseThrow().lookup();
    assertEquals(LookupView.State.FINISHED, done.state());
    assertTrue(done.termination() != null && done.termination() != Termination.CANCELLED,
        "termination " + done.termination());
    assertEquals(id, await(view.lookups()).get(0).id());

    List<ApiEvent> ev = await(firstEvents);
    assertEquals(LookupView.State.RUNNING,
        assertInstanceOf(ApiEvent.LookupProgressed.class, ev.get(0)).state());
    ApiEvent.LookupProgressed end = assertInstanceOf(ApiEvent.LookupProgressed.class, ev.get(1));
    assertEquals(LookupView.State.FINISHED, end.state());
    assertEquals(done.termination(), end.termination());

    // a keyword search is the node's search, listed as a running keyword lookup; a query
    // without a word of 3 bytes is refused (400); a stopping node refuses everything
    String search = await(view.startLookup(new LookupRequest.Keyword("ubuntu")));
    LookupView s = await(view.lookup(search)).orElseThrow().lookup();
    assertEquals(io.pekkomule.node.api.LookupKind.KEYWORD, s.type());
    assertEquals("ubuntu", s.keyword());
    assertEquals(io.pekkomule.protocol.keyword.KeywordHasher.hash("ubuntu"), s.target());
    CompletionException bad = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> view.startLookup(new LookupRequest.Keyword("a b")).toCompletableFuture().join());
    assertEquals(400, ((ApiException) bad.getCause()).status());
    view.stopAccepting("node stopping");
    CompletionException stoppingSearch = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> view.startLookup(new LookupRequest.Keyword("ubuntu")).toCompletableFuture().join());
    assertEquals(503, ((ApiException) stoppingSearch.getCause()).status());
    CompletionException stopping = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class,
        () -> view.startLookup(new LookupRequest.Node(target)).toCompletableFuture().join());
    assertEquals("node stopping", stopping.getCause().getMessage());
  }
}
