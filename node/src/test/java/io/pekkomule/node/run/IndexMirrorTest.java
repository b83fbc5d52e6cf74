package io.pekkomule.node.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.index.IndexJournal;
import io.pekkomule.node.kad.index.IndexStore;
import io.pekkomule.persistence.index.IndexEntry;
import io.pekkomule.persistence.index.IndexKind;
import io.pekkomule.persistence.index.StoredIndex;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.I2pEndpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link IndexMirror}: accepted index entries become journal writes, one in flight, coalesced. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexMirrorTest {
  private final ActorTestKit kit = ActorTestKit.create("IndexMirrorTest");
  private final Random rnd = new Random(5);

  @AfterAll
  void stop() {
    kit.shutdownTestKit();
  }

  private I2pEndpoint endpoint() {
    byte[] b = new byte[I2pDestination.BYTES];
    rnd.nextBytes(b);
    b[0] |= 1;
    b[384] = 0;
    b[385] = 0;
    b[386] = 0;
    return new I2pEndpoint(I2pDestination.of(b));
  }

  private static IndexStore.Accepted accepted(I2pEndpoint from, KadId key, KadId entry, long expires) {
    return new IndexStore.Accepted(IndexStore.Kind.KEYWORD, key, entry, from.addressKey(),
        TagList.of(new StringTag(TagName.FILENAME, "ubuntu.iso"), new IntTag(TagName.FILESIZE, 7),
            new IntTag(TagName.SOURCES, 1)), expires);
  }

  @Test
  void entriesRoundTripThroughTheJournalForm() {
    I2pEndpoint from = endpoint();
    long exp = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    IndexStore.Accepted a = accepted(from, new KadId(1, 2), new KadId(3, 4), exp);
    IndexEntry e = IndexMirror.toEntry(a, from);
    assertEquals(IndexKind.KEYWORD, e.kind());
    assertEquals(from.destination(), e.publisher());
    assertEquals(Instant.ofEpochMilli(exp).minus(Duration.ofHours(24)), e.stored());
    assertEquals(a, IndexMirror.fromEntry(e).orElseThrow());
    assertEquals(e.slot(), IndexMirror.slot(a.kind(), a.key(), a.entryId()));
  }

  @Test
  void oneWriteInFlightLatestStateOfASlotWinsAcknowledgedAfterTheReply() {
    TestProbe<StoredIndex.Command> store = kit.createTestProbe();
    IndexMirror.Stats stats = new IndexMirror.Stats();
    ActorRef<IndexMirror.Command> mirror = kit.spawn(IndexMirror.create(store.ref(),
        InstantSource.system(), List.of(), 1000, 100, Duration.ofHours(1), Duration.ofSeconds(3),
        new SimpleMeterRegistry(), stats));
    long exp = System.currentTimeMillis() + 3_600_000;
    I2pEndpoint from = endpoint();
    IndexJournal journal = IndexMirror.journal(mirror, List.of());
    KadId key = new KadId(9, 9);
    journal.accepted(accepted(from, key, new KadId(0, 1), exp), from);
    journal.accepted(accepted(from, key, new KadId(0, 2), exp), from);
    journal.accepted(accepted(from, key, new KadId(0, 2), exp + 5), from); // replaces the queued one
    journal.accepted(accepted(from, key, new KadId(0, 3), exp),
        new Ipv4UdpEndpoint(0x7f000001, 4672)); // not an I2P sender: not journalled

    StoredIndex.Store first = assertInstanceOf(StoredIndex.Store.class, store.receiveMessage());
    assertEquals(new KadId(0, 1), first.entry().entryId());
    store.expectNoMessage(Duration.ofMillis(100)); // one in flight
    first.replyTo().tell(StatusReply.ack());
    StoredIndex.Store second = assertInstanceOf(StoredIndex.Store.class, store.receiveMessage());
    assertEquals(new KadId(0, 2), second.entry().entryId());
    assertEquals(exp + 5, second.entry().expires().toEpochMilli(), "only the latest state");
    second.replyTo().tell(StatusReply.ack());

    TestProbe<Done> flushed = kit.createTestProbe();
    mirror.tell(new IndexMirror.Flush(flushed.ref()));
    flushed.expectMessage(Done.getInstance());
    store.expectNoMessage(Duration.ofMillis(100));
    TestProbe<List<String>> acked = kit.createTestProbe();
    mirror.tell(new IndexMirror.GetAcknowledged(acked.ref()));
    List<String> slots = acked.receiveMessage();
    assertEquals(2, slots.size());
    assertTrue(slots.contains(first.entry().slot()));
    assertEquals(2, stats.acknowledged());
    assertEquals(0, stats.pending());
  }

  @Test
  void aRefusedWriteIsNotAcknowledged() {
    TestProbe<StoredIndex.Command> store = kit.createTestProbe();
    IndexMirror.Stats stats = new IndexMirror.Stats();
    ActorRef<IndexMirror.Command> mirror = kit.spawn(IndexMirror.create(store.ref(),
        InstantSource.system(), List.of(), 1000, 100, Duration.ofHours(1), Duration.ofSeconds(3),
        new SimpleMeterRegistry(), stats));
    I2pEndpoint from = endpoint();
    IndexMirror.journal(mirror, List.of()).accepted(
        accepted(from, new KadId(1, 1), new KadId(2, 2), System.currentTimeMillis() + 60_000), from);
    StoredIndex.Store w = assertInstanceOf(StoredIndex.Store.class, store.receiveMessage());
    w.replyTo().tell(StatusReply.error("stored index is full"));
    TestProbe<List<String>> acked = kit.createTestProbe();
    TestProbe<Done> flushed = kit.createTestProbe();
    mirror.tell(new IndexMirror.Flush(flushed.ref()));
    flushed.expectMessage(Done.getInstance());
    mirror.tell(new IndexMirror.GetAcknowledged(acked.ref()));
    assertEquals(List.of(), acked.receiveMessage());
  }
}
