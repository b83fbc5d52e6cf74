package io.pekkomule.node.kad.search;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.frame.Framing;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.Kad2PublishKeyReq;
import io.pekkomule.protocol.msg.Kad2PublishNotesReq;
import io.pekkomule.protocol.msg.Kad2PublishSourceReq;
import io.pekkomule.protocol.msg.Kad2SearchKeyReq;
import io.pekkomule.protocol.msg.Kad2SearchNotesReq;
import io.pekkomule.protocol.msg.Kad2SearchRes;
import io.pekkomule.protocol.msg.Kad2SearchSourceReq;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.search.SearchMatcher;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import io.pekkomule.protocol.tag.TagWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The search and publish packets as iMule builds them (spec §7.2, §12.1), split so that each
 * payload stays within {@link Framing#MAX_PAYLOAD} (what always fits one datagram after
 * obfuscation, below iMule's 10,238).
 */
public final class Packets {
  /** SEARCH_RES: sender id, key, u16 count. */
  static final int SEARCH_RES_HEADER = 16 + 16 + 2;
  /** PUBLISH_KEY_REQ: keyword id, u16 count. */
  static final int PUBLISH_KEY_HEADER = 16 + 2;
  /** Connect options iMule advertises with a source: bit 0 "encryption supported". */
  static final int CONNECT_OPTIONS = 0x01;

  private Packets() {}

  /** Encoded size of one {@code UInt128 · TagList} entry. */
  static int entrySize(TaggedEntry e) {
    return 16 + e.tags().encode(TagWriter.PLAIN).length;
  }

  /**
   * A SEARCH_RES answer in as many packets as needed; at least one (iMule answers every Kad2
   * search, with 0 results when it has none).
   */
  public static List<Kad2SearchRes> searchResults(KadId self, KadId key, List<TaggedEntry> all) {
    List<Kad2SearchRes> out = new ArrayList<>();
    for (List<TaggedEntry> chunk : split(all, SEARCH_RES_HEADER)) {
      out.add(new Kad2SearchRes(self, key, chunk));
    }
    return out;
  }

  /** Kad1 SEARCH_RES: key, u16 count (no sender id). */
  static final int KAD1_SEARCH_RES_HEADER = 16 + 2;

  /**
   * A Kad1 SEARCH_RES answer (spec §7.4) in as many packets as needed; none when there is
   * nothing to send (iMule answers a Kad1 search only with results: {@code count > 0 || kad2}
   * in Indexed.cpp).
   */
  public static List<io.pekkomule.protocol.msg.Kad1SearchRes> kad1SearchResults(KadId key,
      List<TaggedEntry> all) {
    List<io.pekkomule.protocol.msg.Kad1SearchRes> out = new ArrayList<>();
    if (all.isEmpty()) {
      return out;
    }
    for (List<TaggedEntry> chunk : split(all, KAD1_SEARCH_RES_HEADER)) {
      out.add(new io.pekkomule.protocol.msg.Kad1SearchRes(key, chunk));
    }
    return out;
  }

  /** Entries in chunks whose packet fits; at least one (possibly empty) chunk. */
  static List<List<TaggedEntry>> split(List<TaggedEntry> all, int header) {
    List<List<TaggedEntry>> out = new ArrayList<>();
    List<TaggedEntry> cur = new ArrayList<>();
    int size = header;
    for (TaggedEntry e : all) {
      int s = entrySize(e);
      if (!cur.isEmpty() && size + s > Framing.MAX_PAYLOAD) {
        out.add(cur);
        cur = new ArrayList<>();
        size = header;
      }
      cur.add(e);
      size += s;
    }
    out.add(cur);
    return out;
  }

  /** The tags iMule publishes a file under a keyword with (PreparePacketForTags). */
  public static TagList keywordTags(SharedFile f) {
    List<Tag> tags = new ArrayList<>();
    tags.add(new StringTag(TagName.FILENAME, f.name()));
    tags.add(new IntTag(TagName.FILESIZE, f.size()));
    tags.add(new IntTag(TagName.COMPLETE_SOURCES, 1));
    tags.add(new IntTag(TagName.SOURCES, 1));
    f.fileType().ifPresent(t -> tags.add(new StringTag(TagName.FILETYPE, t)));
    return new TagList(tags);
  }

  /** A keyword round: the files under one keyword, split over as many packets as needed. */
  public static List<Kad2PublishKeyReq> publishKeyword(KadId keyword, List<SharedFile> files) {
    List<TaggedEntry> entries = new ArrayList<>();
    for (SharedFile f : files) {
      entries.add(new TaggedEntry(f.fileId(), keywordTags(f)));
    }
    List<Kad2PublishKeyReq> out = new ArrayList<>();
    for (List<TaggedEntry> chunk : split(entries, PUBLISH_KEY_HEADER)) {
      if (!chunk.isEmpty()) {
        out.add(new Kad2PublishKeyReq(keyword, chunk));
      }
    }
    return out;
  }

  /**
   * A source publish: SOURCETYPE 1, SOURCEDEST = our stream destination, FLAGS (bit 0 complete),
   * FILESIZE for peers of version ≥ 2, ENCRYPTION = connect options; the source id is our user
   * hash (not the KadID).
   */
  public static Kad2PublishSourceReq publishSource(SharedFile f, KadId userHash,
      I2pDestination tcpDest, int peerVersion) {
    List<Tag> tags = new ArrayList<>();
    tags.add(new IntTag(TagName.SOURCETYPE, 1));
    if (tcpDest != null) {
      // iMule's stream destination; a kad4 node has none (its dialect adapts the request)
      tags.add(new AddressTag(TagName.SOURCEDEST, tcpDest));
    }
    tags.add(new IntTag(TagName.FLAGS, f.complete() ? 1 : 0));
    if (peerVersion >= 2) {
      tags.add(new IntTag(TagName.FILESIZE, f.size()));
    }
    tags.add(new IntTag(TagName.ENCRYPTION, CONNECT_OPTIONS));
    return new Kad2PublishSourceReq(f.fileId(), userHash, new TagList(tags));
  }

  /** A notes publish: FILENAME, FILERATING, DESCRIPTION, FILESIZE (version ≥ 2); source = our KadID. */
  public static Kad2PublishNotesReq publishNotes(SharedFile f, KadId selfId, int peerVersion) {
    List<Tag> tags = new ArrayList<>();
    tags.add(new StringTag(TagName.FILENAME, f.name()));
    f.rating().ifPresent(r -> tags.add(new IntTag(TagName.FILERATING, r)));
    f.comment().ifPresent(c -> tags.add(new StringTag(TagName.DESCRIPTION, c)));
    if (peerVersion >= 2) {
      tags.add(new IntTag(TagName.FILESIZE, f.size()));
    }
    return new Kad2PublishNotesReq(f.fileId(), selfId, new TagList(tags));
  }

  /** A keyword search for a query: the first word's hash, the other words as an expression. */
  public static Kad2SearchKeyReq searchKeyword(List<String> words) {
    return new Kad2SearchKeyReq(KeywordHasher.hash(words.get(0)), 0,
        SearchMatcher.expressionFor(words));
  }

  public static Kad2SearchSourceReq searchSources(KadId fileId, long size) {
    return new Kad2SearchSourceReq(fileId, 0, size);
  }

  public static Kad2SearchNotesReq searchNotes(KadId fileId, long size) {
    return new Kad2SearchNotesReq(fileId, size);
  }
}
