package io.pekkomule.node.kad.index;

import io.pekkomule.node.kad.search.Packets;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.msg.Kad1PublishNotesReq;
import io.pekkomule.protocol.msg.Kad1PublishReq;
import io.pekkomule.protocol.msg.Kad1PublishRes;
import io.pekkomule.protocol.msg.Kad1SearchNotesReq;
import io.pekkomule.protocol.msg.Kad1SearchReq;
import io.pekkomule.protocol.tag.TagName;
import java.util.ArrayList;
import io.pekkomule.protocol.msg.Kad2PublishKeyReq;
import io.pekkomule.protocol.msg.Kad2PublishNotesReq;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.Kad2PublishSourceReq;
import io.pekkomule.protocol.msg.Kad2SearchKeyReq;
import io.pekkomule.protocol.msg.Kad2SearchNotesReq;
import io.pekkomule.protocol.msg.Kad2SearchSourceReq;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.tag.Tag;
import java.util.List;
import java.util.Optional;

/**
 * Serving others' searches and publishes from the {@link IndexStore} (spec §7.2, §12.2, §16.1):
 * a pure function from one decoded request to the replies iMule would send.
 *
 * <ul>
 *   <li>SEARCH_KEY/SOURCE/NOTES_REQ: always answered, with an empty SEARCH_RES when nothing
 *       matches, split over several packets at the datagram limit.
 *   <li>PUBLISH_KEY_REQ: always one PUBLISH_RES {@code key · load}, even when nothing was indexed
 *       (iMule); the load is the last entry's.
 *   <li>PUBLISH_SOURCE_REQ: the iMule-only {@code fileId · total · complete · load} shape, only
 *       when the source was stored.
 *   <li>PUBLISH_NOTES_REQ: stored, never answered (iMule never answers it, spec §12.4).
 * </ul>
 *
 * Kad1 (spec §7.4; iMule's {@code ProcessSearchRequest}, {@code ProcessSearchNotesRequest},
 * {@code ProcessPublishRequest}, {@code ProcessPublishNotesRequest}), from the same store:
 *
 * <ul>
 *   <li>SEARCH_REQ 0x07: without an expression a source search (restrictive ≠ 0) or a keyword
 *       search (0); with one a keyword search filtered by it. SEARCH_NOTES_REQ 0x09: notes. The
 *       answer is Kad1 SEARCH_RES 0x08 (no sender id), split at the datagram limit, and only
 *       when something matched: iMule's Kad1 path sends nothing on a miss.
 *   <li>PUBLISH_REQ 0x0A: each entry with a SOURCETYPE tag is a source of the key, the others
 *       keyword entries; one PUBLISH_RES 0x0B per entry: a keyword entry always ({@code key ·
 *       load}), a source only when stored ({@code fileId · total · complete · load}).
 *   <li>PUBLISH_NOTES_REQ 0x0C: stored as the Kad2 notes, never answered (iMule's AddNotes
 *       refuses every note, so it never answers either).
 * </ul>
 *
 * A request over the {@link PublishGate} is not indexed and is answered as iMule answers a refusal
 * (keywords: load 100; sources and notes: nothing). The caller sends every reply through the
 * shaper as the same interactive reply, so whether anything was stored or found never changes
 * the reply's class, deadline or delay (harness H2).
 */
public final class IndexServer {

  /** The replies (possibly none) and a metric label: hit, miss, stored, refused, gated. */
  public record Served(List<KadMessage> replies, String outcome) {}

  private final KadId self;
  private final IndexStore store;
  private final PublishGate gate;

  public IndexServer(KadId self, IndexStore store, PublishGate gate) {
    this.self = self;
    this.store = store;
    this.gate = gate;
  }

  public IndexStore store() {
    return store;
  }

  /** Whether this server handles the message (a Kad2 search or publish request). */
  public static boolean handles(KadMessage m) {
    return m instanceof Kad2SearchKeyReq || m instanceof Kad2SearchSourceReq
        || m instanceof Kad2SearchNotesReq || m instanceof Kad2PublishKeyReq
        || m instanceof Kad2PublishSourceReq || m instanceof Kad2PublishNotesReq
        || m instanceof Kad1SearchReq || m instanceof Kad1SearchNotesReq
        || m instanceof Kad1PublishReq || m instanceof Kad1PublishNotesReq;
  }

  /**
   * @param from the sender's address key (flood gate, publisher share)
   * @param senderTag the SOURCEUDEST tag naming the datagram's sender, when the transport has one
   */
  public Served serve(AddressKey from, Optional<Tag> senderTag, KadMessage m, long now) {
    if (m instanceof Kad2SearchKeyReq r) {
      return answer(r.keywordId(),
          store.searchKeyword(r.keywordId(), r.expression(), r.startPosition(), now));
    }
    if (m instanceof Kad2SearchSourceReq r) {
      return answer(r.fileId(), store.searchSources(r.fileId(), r.startPosition(), now));
    }
    if (m instanceof Kad2SearchNotesReq r) {
      return answer(r.fileId(), store.searchNotes(r.fileId(), now));
    }
    if (m instanceof Kad2PublishKeyReq r) {
      if (!gate.admit(from, m.opcode(), r.keywordId(), now)) {
        return new Served(List.of(Kad2PublishRes.forKey(r.keywordId(), 100)), "gated");
      }
      int load = 0;
      boolean any = false;
      for (TaggedEntry e : r.entries()) {
        IndexStore.Outcome o = store.publishKeyword(from, r.keywordId(), e, now);
        load = o.load();
        any |= o.stored();
      }
      return new Served(List.of(Kad2PublishRes.forKey(r.keywordId(), load)),
          any ? "stored" : "refused");
    }
    if (m instanceof Kad2PublishSourceReq r) {
      if (!gate.admit(from, m.opcode(), r.fileId(), now)) {
        return new Served(List.of(), "gated");
      }
      IndexStore.Outcome o =
          store.publishSource(from, r.fileId(), r.sourceId(), r.tags(), senderTag, now);
      if (!o.stored()) {
        return new Served(List.of(), "refused");
      }
      var c = o.counts().orElseThrow();
      return new Served(
          List.of(Kad2PublishRes.forSource(r.fileId(), c.total(), c.complete(), o.load())),
          "stored");
    }
    if (m instanceof Kad2PublishNotesReq r) {
      if (!gate.admit(from, m.opcode(), r.fileId(), now)) {
        return new Served(List.of(), "gated");
      }
      IndexStore.Outcome o = store.publishNotes(from, r.fileId(), r.sourceId(), r.tags(), now);
      return new Served(List.of(), o.stored() ? "stored" : "refused");
    }
    if (m instanceof Kad1SearchReq r) {
      List<TaggedEntry> results = r.isSourceSearch()
          ? store.searchSources(r.target(), 0, now)
          : store.searchKeyword(r.target(), r.expression(), 0, now);
      return answerKad1(r.target(), results);
    }
    if (m instanceof Kad1SearchNotesReq r) {
      return answerKad1(r.target(), store.searchNotes(r.target(), now));
    }
    if (m instanceof Kad1PublishReq r) {
      if (!gate.admit(from, m.opcode(), r.key(), now)) {
        // as a refused Kad2 publish: keyword entries see load 100, sources nothing
        List<KadMessage> replies = new ArrayList<>();
        for (TaggedEntry e : r.entries()) {
          if (e.tags().first(TagName.SOURCETYPE).isEmpty()) {
            replies.add(Kad1PublishRes.forKey(r.key(), 100));
          }
        }
        return new Served(replies, "gated");
      }
      List<KadMessage> replies = new ArrayList<>();
      boolean any = false;
      for (TaggedEntry e : r.entries()) {
        if (e.tags().first(TagName.SOURCETYPE).isPresent()) {
          IndexStore.Outcome o =
              store.publishSource(from, r.key(), e.id(), e.tags(), senderTag, now);
          if (o.stored()) {
            any = true;
            var c = o.counts().orElseThrow();
            replies.add(Kad1PublishRes.forSource(r.key(), c.total(), c.complete(), o.load()));
          }
        } else {
          IndexStore.Outcome o = store.publishKeyword(from, r.key(), e, now);
          any |= o.stored();
          replies.add(Kad1PublishRes.forKey(r.key(), o.load()));
        }
      }
      return new Served(replies, any ? "stored" : "refused");
    }
    if (m instanceof Kad1PublishNotesReq r) {
      if (!gate.admit(from, m.opcode(), r.target(), now)) {
        return new Served(List.of(), "gated");
      }
      IndexStore.Outcome o = store.publishNotes(from, r.target(), r.sourceId(), r.tags(), now);
      return new Served(List.of(), o.stored() ? "stored" : "refused");
    }
    throw new IllegalArgumentException("not a search or publish request: " + m);
  }

  private Served answerKad1(KadId key, List<TaggedEntry> results) {
    return new Served(List.copyOf(Packets.kad1SearchResults(key, results)),
        results.isEmpty() ? "miss" : "hit");
  }

  private Served answer(KadId key, List<TaggedEntry> results) {
    return new Served(List.copyOf(Packets.searchResults(self, key, results)),
        results.isEmpty() ? "miss" : "hit");
  }
}
