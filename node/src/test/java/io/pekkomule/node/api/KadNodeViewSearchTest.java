package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import org.apache.pekko.actor.typed.ActorRef;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;
import io.pekkomule.node.kad.search.RepublishScheduler.JobKind;
import io.pekkomule.node.kad.search.Publisher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.search.SearchEvent;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search and publish endpoints over real HTTP against a {@link KadNodeView} whose node is a
 * probe: a search becomes a {@code KadNode.Search} whose streamed results become the lookup's
 * hits and {@code lookup_progressed} events; a publication becomes a {@code KadNode.Share}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KadNodeViewSearchTest {
  static final KadId OWN = KadId.fromHex("00112233445566778899aabbccddeeff");
  static final String HEX = "FFEEDDCCBBAA99887766554433221100";

  private ActorTestKit kit;
  private TestProbe<KadNode.Command> node;
  private ApiEvents events;
  private KadNodeView view;
  private ServerBinding binding;
  private HttpProbe http;
  private String bearer;
  @TempDir static Path dataDir;

  @BeforeAll
  void start() throws Exception {
    // the node is a probe answered by this test thread: give it time on a loaded machine
    Config config = com.typesafe.config.ConfigFactory.parseString(
        "pekko-mule.management.ask-timeout = 5s").withFallback(ManagementServerTest.config());
    kit = ActorTestKit.create("KadNodeViewSearchTest", config);
    node = kit.createTestProbe();
    events = ApiEvents.create(kit.system(), 64);
    view = KadNodeView.builder(kit.system(), node.ref(),
            new IdentityView(OWN, "a".repeat(52) + ".b32.i2p"),
            () -> new TransportView("probe", true, "test"))
        .events(events).build();
    node.expectMessageClass(KadNode.WatchRouting.class);
    binding = ManagementServer.start(kit.system(), config, dataDir, view, view,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    http = new HttpProbe(ManagementServer.dashboardUrl(binding));
    bearer = "Bearer " + ApiToken.read(ApiToken.file(dataDir));
  }

  @AfterAll
  void stop() {
    if (binding != null) {
      binding.unbind().toCompletableFuture().join();
    }
    events.close();
    kit.shutdownTestKit();
  }

  private JsonNode lookup(String id) {
    HttpProbe.Answer a = http.get("/api/v1/lookups/" + id, bearer);
    assertEquals(200, a.status(), a.body());
    return a.json();
  }

  @Test
  void aKeywordSearchStreamsItsResultsIntoTheLookup() {
    HttpProbe.Answer a = http.postJson("/api/v1/lookups", bearer,
        "{\"type\":\"keyword\",\"keyword\":\"ubuntu iso\"}");
    assertEquals(202, a.status(), a.body());
    String id = a.json().path("id").asText();
    KadNode.Search s = node.expectMessageClass(KadNode.Search.class);
    // a subscriber to the events, registered (the hub registers asynchronously) before results
    java.util.concurrent.LinkedBlockingQueue<ApiEvent> seen = new java.util.concurrent.LinkedBlockingQueue<>();
    view.events().runWith(org.apache.pekko.stream.javadsl.Sink.foreach(seen::add), kit.system());
    ApiEvent marker = new ApiEvent.ShaperAlarmRaised(java.time.Instant.EPOCH, "marker", "m", 0);
    node.awaitAssert(Duration.ofSeconds(5), () -> {
      events.publish(marker);
      assertTrue(seen.contains(marker));
      return null;
    });
    assertEquals(LookupType.KEYWORD, s.request().type());
    assertEquals(KeywordHasher.hash("ubuntu"), s.request().target());
    assertEquals(List.of("ubuntu", "iso"), s.request().words());

    TaggedEntry file = new TaggedEntry(KadId.fromHex(HEX), TagList.of(
        new StringTag(TagName.FILENAME, "ubuntu-24.04.iso"), new IntTag(TagName.FILESIZE, 4242),
        new IntTag(TagName.SOURCES, 7)));
    s.replyTo().tell(new SearchEvent.Result(s.request(), file));
    node.awaitAssert(Duration.ofSeconds(5), () -> {
      JsonNode d = lookup(id);
      assertEquals("running", d.path("lookup").path("state").asText());
      assertEquals(1, d.path("lookup").path("results").asInt());
      JsonNode hit = d.path("hits").get(0);
      assertEquals(HEX, hit.path("key").asText());
      assertEquals("ubuntu-24.04.iso", hit.path("name").asText());
      assertEquals(4242, hit.path("size").asLong());
      assertEquals(7, hit.path("tags").path("availability").asInt());
      return null;
    });
    // the result was streamed as an event too
    ApiEvent.LookupResult streamed = node.awaitAssert(Duration.ofSeconds(5), () -> seen.stream()
        .filter(ApiEvent.LookupResult.class::isInstance).map(ApiEvent.LookupResult.class::cast)
        .findFirst().orElseThrow());
    assertEquals(id, streamed.id());
    assertEquals(1, streamed.results());
    assertEquals("ubuntu-24.04.iso", streamed.hit().name());
    s.replyTo().tell(new SearchEvent.Done(s.request(), 1, new LookupOutcome(1, LookupType.KEYWORD,
        s.request().target(), Termination.CONVERGED, 1, List.of(), List.of(), 9, 0, 10)));
    node.awaitAssert(Duration.ofSeconds(5), () -> {
      JsonNode d = lookup(id);
      assertEquals("finished", d.path("lookup").path("state").asText());
      assertEquals("converged", d.path("lookup").path("termination").asText());
      assertEquals(9, d.path("lookup").path("requests").asInt());
      assertEquals("ubuntu iso", d.path("lookup").path("keyword").asText());
      assertEquals(1, d.path("hits").size());
      return null;
    });
  }

  @Test
  void sourceAndNotesSearchesTargetTheFile() {
    assertEquals(202, http.postJson("/api/v1/lookups", bearer,
        "{\"type\":\"source\",\"target\":\"" + HEX + "\",\"fileSize\":1000}").status());
    KadNode.Search s = node.expectMessageClass(KadNode.Search.class);
    assertEquals(LookupType.FILE, s.request().type());
    assertEquals(KadId.fromHex(HEX), s.request().target());
    assertEquals(1000, s.request().size());
    s.replyTo().tell(new SearchEvent.Done(s.request(), 0, null));

    assertEquals(202, http.postJson("/api/v1/lookups", bearer,
        "{\"type\":\"notes\",\"target\":\"" + HEX + "\"}").status());
    KadNode.Search n = node.expectMessageClass(KadNode.Search.class);
    assertEquals(LookupType.NOTES, n.request().type());
    n.replyTo().tell(new SearchEvent.Done(n.request(), 0, null));
  }

  private ActorRef<Publisher.JobFinished> publications;

  /** POSTs a publication and answers the node's Share as the publisher would. */
  private HttpProbe.Answer publishAs(String body, boolean added, java.util.function.Consumer<SharedFile> check) {
    CompletableFuture<HttpProbe.Answer> answer = CompletableFuture.supplyAsync(() ->
        http.postJson("/api/v1/publications", bearer, body));
    KadNode.Command m = node.receiveMessage(Duration.ofSeconds(10));
    if (m instanceof KadNode.WatchPublications w) {
      publications = w.watcher();
      m = node.receiveMessage(Duration.ofSeconds(10));
    }
    KadNode.Share share = assertInstanceOf(KadNode.Share.class, m);
    check.accept(share.file());
    share.replyTo().tell(new Publisher.Shared(share.file().fileId(), added));
    return answer.join();
  }

  @Test
  void publicationsBecomeShares() {
    KadId kw = KadId.fromHex("0102030405060708090A0B0C0D0E0F10");
    HttpProbe.Answer k = publishAs("{\"type\":\"keyword\",\"fileHash\":\"" + kw.toHex()
        + "\",\"fileName\":\"Big Buck Bunny.avi\",\"fileSize\":1000}", true, f -> {
          assertEquals(kw, f.fileId());
          assertEquals("Big Buck Bunny.avi", f.name());
          assertEquals(1000, f.size());
          assertTrue(f.complete(), "a keyword publication publishes the name's keywords");
        });
    assertEquals(202, k.status(), k.body());
    assertEquals("publish_keyword",
        http.get(k.json().path("href").asText(), bearer).json().path("lookup").path("type").asText());

    KadId src = KadId.fromHex("1102030405060708090A0B0C0D0E0F10");
    assertEquals(202, publishAs("{\"type\":\"source\",\"fileHash\":\"" + src.toHex()
        + "\",\"fileSize\":1000}", true, f -> {
          assertFalse(f.complete(), "a source publication publishes no keyword");
          assertFalse(f.hasNotes());
        }).status());

    KadId notes = KadId.fromHex("2102030405060708090A0B0C0D0E0F10");
    assertEquals(202, publishAs("{\"type\":\"notes\",\"fileHash\":\"" + notes.toHex()
        + "\",\"fileName\":\"a.avi\",\"rating\":4,\"comment\":\"good\"}", true, f -> {
          assertEquals(4, f.rating().getAsInt());
          assertEquals("good", f.comment().orElseThrow());
        }).status());
  }

  @Test
  void aPublicationRunsUntilItsSourceAndKeywordsWereStoredThenFinishes() {
    KadId file = KadId.fromHex("3102030405060708090A0B0C0D0E0F10");
    HttpProbe.Answer a = publishAs("{\"type\":\"keyword\",\"fileHash\":\"" + file.toHex()
        + "\",\"fileName\":\"Big Buck Bunny.avi\",\"fileSize\":1000}", true, f -> { });
    assertEquals(202, a.status(), a.body());
    String id = a.json().path("id").asText();
    JsonNode l = lookup(id).path("lookup");
    assertEquals("running", l.path("state").asText());
    assertTrue(l.path("termination").isNull());

    long t0 = 1_800_000_000_000L;
    // the source went out: 3 nodes stored it; the keywords are awaited now
    publications.tell(new Publisher.JobFinished(JobKind.SOURCE, file, List.of(file), 3, true,
        Termination.CONVERGED, 5, t0, t0 + 5 * 3600_000L));
    List<KadId> keywords = KeywordHasher.publishWords("Big Buck Bunny.avi").stream()
        .map(KeywordHasher::hash).toList();
    assertEquals(3, keywords.size());
    JsonNode d = awaitLookup(id, x -> x.path("jobs").size() == 1);
    assertEquals("running", d.path("lookup").path("state").asText());
    assertEquals(3, d.path("lookup").path("results").asInt());
    JsonNode job = d.path("jobs").get(0);
    assertEquals("source", job.path("kind").asText());
    assertEquals(3, job.path("stored").asInt());
    assertEquals(Instant.ofEpochMilli(t0 + 5 * 3600_000L).toString(),
        job.path("nextPublishAt").asText());

    // a job of another file changes nothing; the keywords end, one of them starved
    publications.tell(new Publisher.JobFinished(JobKind.KEYWORD, keywords.get(0),
        List.of(KadId.fromHex(HEX)), 9, true, Termination.CONVERGED, 4, t0, t0));
    for (int i = 0; i < keywords.size(); i++) {
      publications.tell(new Publisher.JobFinished(JobKind.KEYWORD, keywords.get(i),
          List.of(file), 2, true, i == 1 ? Termination.STARVED : Termination.CONVERGED, 4,
          t0 + i, t0 + 24 * 3600_000L));
    }
    d = awaitLookup(id, x -> "finished".equals(x.path("lookup").path("state").asText()));
    assertEquals("starved", d.path("lookup").path("termination").asText());
    assertEquals(3 + 3 * 2, d.path("lookup").path("results").asInt(), "PUBLISH_RES count");
    assertEquals(5 + 3 * 4, d.path("lookup").path("requests").asInt());
    assertEquals(4, d.path("jobs").size());
    assertFalse(d.path("lookup").path("finishedAt").isNull());

    // the same file again: 409, whatever the node says
    HttpProbe.Answer again = publishAs("{\"type\":\"source\",\"fileHash\":\"" + file.toHex()
        + "\",\"fileSize\":1000}", false, f -> { });
    assertEquals(409, again.status(), again.body());
    assertTrue(again.json().path("error").asText().contains("GET /api/v1/publications"));
  }

  @Test
  void aFailedSourceFinishesTheKeywordPublicationWithNothingStored() {
    KadId file = KadId.fromHex("4102030405060708090A0B0C0D0E0F10");
    String id = publishAs("{\"type\":\"keyword\",\"fileHash\":\"" + file.toHex()
        + "\",\"fileName\":\"Sintel.mkv\",\"fileSize\":1000}", true, f -> { })
        .json().path("id").asText();
    publications.tell(new Publisher.JobFinished(JobKind.SOURCE, file, List.of(file), 0, false,
        Termination.TIMED_OUT, 7, 1L, 2L));
    JsonNode d = awaitLookup(id, x -> "finished".equals(x.path("lookup").path("state").asText()));
    assertEquals("timed_out", d.path("lookup").path("termination").asText());
    assertEquals(0, d.path("lookup").path("results").asInt());
  }

  @Test
  void publicationsListTheSharedFilesWithTheirNextTimes() {
    KadId file = KadId.fromHex("5102030405060708090A0B0C0D0E0F10");
    KadId kw = KeywordHasher.hash("bunny");
    long due = 1_800_000_000_000L;
    Publisher.JobFinished last = new Publisher.JobFinished(JobKind.SOURCE, file, List.of(file), 4,
        true, Termination.CONVERGED, 6, due - 1000, due);
    Publisher.Publications reply = (new Publisher.Publications(List.of(new Publisher.Publication(
        SharedFile.complete(file, "bunny.avi", 1000), due - 5000, List.of(
            new Publisher.Item(JobKind.SOURCE, file, due, false, last),
            new Publisher.Item(JobKind.KEYWORD, kw, due + 1, true, null))))));
    CompletableFuture<HttpProbe.Answer> answer = CompletableFuture.supplyAsync(() ->
        http.get("/api/v1/publications", bearer));
    KadNode.ListPublications req = node.expectMessageClass(KadNode.ListPublications.class,
        Duration.ofSeconds(10));
    req.replyTo().tell(reply);
    HttpProbe.Answer a = answer.join();
    assertEquals(200, a.status(), a.body());
    JsonNode p = a.json().path("publications").get(0);
    assertEquals(file.toHex(), p.path("fileHash").asText());
    assertEquals("bunny.avi", p.path("name").asText());
    assertTrue(p.path("complete").asBoolean());
    assertTrue(p.path("rating").isNull());
    assertEquals(Instant.ofEpochMilli(due - 5000).toString(), p.path("sharedAt").asText());
    JsonNode s = p.path("items").get(0);
    assertEquals("source", s.path("kind").asText());
    assertEquals("scheduled", s.path("state").asText());
    assertEquals(Instant.ofEpochMilli(due).toString(), s.path("nextPublishAt").asText());
    assertEquals(4, s.path("last").path("stored").asInt());
    JsonNode k = p.path("items").get(1);
    assertEquals("keyword", k.path("kind").asText());
    assertEquals(kw.toHex(), k.path("target").asText());
    assertEquals("running", k.path("state").asText());
    assertTrue(k.path("last").isNull());
  }

  /** Polls the lookup (bounded) until {@code done} holds. */
  private JsonNode awaitLookup(String id, java.util.function.Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode d = lookup(id);
    while (!done.test(d) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      d = lookup(id);
    }
    assertTrue(done.test(d), d.toString());
    return d;
  }
}
