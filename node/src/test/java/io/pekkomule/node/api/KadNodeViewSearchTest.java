package io.pekkomule.node.api;

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
    Config config = ManagementServerTest.config();
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

  @Test
  void publicationsBecomeShares() {
    HttpProbe.Answer k = http.postJson("/api/v1/publications", bearer,
        "{\"type\":\"keyword\",\"fileHash\":\"" + HEX + "\",\"fileName\":\"Big Buck Bunny.avi\",\"fileSize\":1000}");
    assertEquals(202, k.status(), k.body());
    SharedFile f = node.expectMessageClass(KadNode.Share.class).file();
    assertEquals(KadId.fromHex(HEX), f.fileId());
    assertEquals("Big Buck Bunny.avi", f.name());
    assertEquals(1000, f.size());
    assertTrue(f.complete(), "a keyword publication publishes the name's keywords");
    assertEquals("publish_keyword",
        http.get(k.json().path("href").asText(), bearer).json().path("lookup").path("type").asText());

    assertEquals(202, http.postJson("/api/v1/publications", bearer,
        "{\"type\":\"source\",\"fileHash\":\"" + HEX + "\",\"fileSize\":1000}").status());
    SharedFile src = node.expectMessageClass(KadNode.Share.class).file();
    assertFalse(src.complete(), "a source publication publishes no keyword");
    assertFalse(src.hasNotes());

    assertEquals(202, http.postJson("/api/v1/publications", bearer,
        "{\"type\":\"notes\",\"fileHash\":\"" + HEX + "\",\"fileName\":\"a.avi\",\"rating\":4,\"comment\":\"good\"}").status());
    SharedFile notes = node.expectMessageClass(KadNode.Share.class).file();
    assertEquals(4, notes.rating().getAsInt());
    assertEquals("good", notes.comment().orElseThrow());
  }
}
