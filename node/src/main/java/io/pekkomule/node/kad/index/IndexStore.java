package io.pekkomule.node.kad.index;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.msg.SourceCounts;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.search.SearchExpr;
import io.pekkomule.protocol.search.SearchMatcher;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What other nodes published to us: keywords, sources and notes, with every limit of iMule's
 * storing node (spec §12.2; {@code CIndexed::AddKeyword/AddSources/AddNotes}, {@code
 * KademliaUDPListener.cpp:1496-1687}) and the loads iMule reports. A pure machine: time is an
 * argument, nothing is sent; the serving layer turns its outcomes into PUBLISH_RES / SEARCH_RES.
 *
 * <p>Beyond iMule (seed 004, "publish flood resistance"): entries are structurally validated
 * before anything is indexed (tag count bound; a keyword entry's name must contain the keyword it
 * is published under; a source needs an integer SOURCETYPE and an ADDRESS SOURCEDEST), and one
 * publisher address holds at most {@link IndexLimits#maxEntriesPerPublisher()} entries of a kind.
 * Publish counts are never used as trust: results are served in storage order, not by how many
 * publishers sent them.
 *
 * <p>Notes: iMule never stores them (its {@code AddNotes} needs a TCP destination no handler
 * sets, spec §12.4/§16.5), so iMule never answers a PUBLISH_NOTES_REQ. We store notes (iMule's
 * per-file limit, 24 h) so that our nodes find each other's notes, but the serving layer does
 * not acknowledge them either: on the wire a notes publish to us looks as to iMule.
 */
public final class IndexStore {

  /** The three indexes. */
  public enum Kind {
    KEYWORD,
    SOURCE,
    NOTES
  }

  /** Why a publish was or was not indexed (metrics and tests). */
  public enum Reason {
    STORED,
    /** The slot existed and was replaced (a republication). */
    REFRESHED,
    /** iMule's acceptance rules failed (size 0, no name, no extra tag, no SOURCEDEST, ...). */
    INVALID,
    /** Our structural validation failed (seed 004). */
    MALFORMED,
    /** The global keyword bound is exceeded. */
    FULL,
    /** The keyword holds too many files (or too many to refresh). */
    HOT,
    /** The publisher already holds its share of the index. */
    PUBLISHER_QUOTA
  }

  /**
   * @param load iMule's load byte 0..100 for the PUBLISH_RES
   * @param counts for sources: total and complete sources of the file after the publish
   */
  public record Outcome(Reason reason, int load, Optional<SourceCounts> counts) {
    public boolean stored() {
      return reason == Reason.STORED || reason == Reason.REFRESHED;
    }
  }

  private record Stored(KadId entryId, TagList tags, long expires, AddressKey publisher) {}

  /** An entry the store accepted (stored or refreshed): what a journal keeps across restarts. */
  public record Accepted(Kind kind, KadId key, KadId entryId, AddressKey publisher, TagList tags,
      long expires) {
    public Accepted {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(entryId, "entryId");
      Objects.requireNonNull(publisher, "publisher");
      Objects.requireNonNull(tags, "tags");
    }
  }

  private final IndexLimits limits;
  /** keyword id → file id → entry, in storage order. */
  private final Map<KadId, LinkedHashMap<KadId, Stored>> keywords = new HashMap<>();
  /** file id → sources, oldest first. */
  private final Map<KadId, ArrayList<Stored>> sources = new HashMap<>();
  /** file id → notes, oldest first. */
  private final Map<KadId, ArrayList<Stored>> notes = new HashMap<>();
  private final Map<AddressKey, int[]> perPublisher = new HashMap<>();
  private int keywordTotal;
  private int sourceTotal;
  private int notesTotal;
  private long nextClean;
  private java.util.function.Consumer<Accepted> listener = a -> { };

  public IndexStore(IndexLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** {@code l} learns every entry stored or refreshed from now on (the journal). */
  public void onAccepted(java.util.function.Consumer<Accepted> l) {
    this.listener = Objects.requireNonNull(l, "listener");
  }

  /**
   * Puts back an entry recovered from the journal, as it was accepted (acceptance rules were
   * applied then; the bounds still hold: an entry beyond a bound or the publisher's share is
   * skipped). Expired entries are dropped. Returns whether it was restored.
   */
  public boolean restore(Accepted a, long now) {
    if (a.expires() < now) {
      return false;
    }
    Stored s = new Stored(a.entryId(), a.tags(), a.expires(), a.publisher());
    if (a.kind() == Kind.KEYWORD) {
      if (keywordTotal >= limits.maxKeywordEntries()) {
        return false;
      }
      LinkedHashMap<KadId, Stored> files = keywords.computeIfAbsent(a.key(), k -> new LinkedHashMap<>());
      Stored old = files.remove(a.entryId());
      if (old != null) {
        release(old.publisher(), Kind.KEYWORD);
        keywordTotal--;
      } else if (files.size() > limits.maxFilesPerKeyword()) {
        return false;
      }
      if (!quota(a.publisher(), Kind.KEYWORD)) {
        if (files.isEmpty()) {
          keywords.remove(a.key());
        }
        return false;
      }
      add(files, a.entryId(), s, Kind.KEYWORD);
      return true;
    }
    Kind kind = a.kind();
    Map<KadId, ArrayList<Stored>> index = kind == Kind.SOURCE ? sources : notes;
    int max = kind == Kind.SOURCE ? limits.maxSourcesPerFile() : limits.maxNotesPerFile();
    ArrayList<Stored> list = index.computeIfAbsent(a.key(), k -> new ArrayList<>());
    for (int i = 0; i < list.size(); i++) {
      if (sameSource(kind, list.get(i), s)) {
        Stored old = list.remove(i);
        release(old.publisher(), kind);
        count(kind, -1);
        break;
      }
    }
    if (list.size() > max || !quota(a.publisher(), kind)) {
      if (list.isEmpty()) {
        index.remove(a.key());
      }
      return false;
    }
    list.add(s);
    count(kind, +1);
    return true;
  }

  private void accepted(Kind kind, KadId key, Stored s) {
    listener.accept(new Accepted(kind, key, s.entryId(), s.publisher(), s.tags(), s.expires()));
  }

  public IndexLimits limits() {
    return limits;
  }

  // ------------------------------------------------------------------ publishing

  /** One file of a PUBLISH_KEY_REQ under keyword {@code key}. */
  public Outcome publishKeyword(AddressKey publisher, KadId key, TaggedEntry file, long now) {
    cleanIfDue(now);
    TagList tags = file.tags();
    if (keywordTotal > limits.maxKeywordEntries()) {
      return new Outcome(Reason.FULL, 100, Optional.empty());
    }
    String name = tags.stringValue(TagName.FILENAME).orElse("");
    long size = tags.intValue(TagName.FILESIZE).orElse(0);
    int extra = 0;
    for (Tag t : tags.tags()) {
      if (t.name() != TagName.FILENAME && t.name() != TagName.FILESIZE) {
        extra++;
      }
    }
    if (size == 0 || name.isEmpty() || extra == 0) {
      return new Outcome(Reason.INVALID, 0, Optional.empty());
    }
    if (tags.size() > limits.maxTagsPerEntry() || !nameCarries(name, key)) {
      return new Outcome(Reason.MALFORMED, 0, Optional.empty());
    }
    long expires = now + limits.keywordLifetime().toMillis();
    LinkedHashMap<KadId, Stored> files = keywords.get(key);
    if (files == null) {
      if (!quota(publisher, Kind.KEYWORD)) {
        return new Outcome(Reason.PUBLISHER_QUOTA, 100, Optional.empty());
      }
      files = new LinkedHashMap<>();
      keywords.put(key, files);
      add(files, file.id(), new Stored(file.id(), tags, expires, publisher), Kind.KEYWORD);
      accepted(Kind.KEYWORD, key, files.get(file.id()));
      return new Outcome(Reason.STORED, 1, Optional.empty());
    }
    int indexTotal = files.size();
    if (indexTotal > limits.maxFilesPerKeyword()) {
      return new Outcome(Reason.HOT, 100, Optional.empty());
    }
    int load = (int) ((indexTotal * 100L) / limits.maxFilesPerKeyword());
    Stored old = files.get(file.id());
    if (old != null) {
      if (indexTotal > limits.hotKeywordRefresh()) {
        return new Outcome(Reason.HOT, 100, Optional.empty());
      }
      if (!old.publisher().equals(publisher) && !quota(publisher, Kind.KEYWORD)) {
        return new Outcome(Reason.PUBLISHER_QUOTA, 100, Optional.empty());
      }
      if (!old.publisher().equals(publisher)) {
        release(old.publisher(), Kind.KEYWORD);
      }
      files.remove(file.id());
      files.put(file.id(), new Stored(file.id(), tags, expires, publisher));
      accepted(Kind.KEYWORD, key, files.get(file.id()));
      return new Outcome(Reason.REFRESHED, load, Optional.empty());
    }
    if (!quota(publisher, Kind.KEYWORD)) {
      return new Outcome(Reason.PUBLISHER_QUOTA, 100, Optional.empty());
    }
    add(files, file.id(), new Stored(file.id(), tags, expires, publisher), Kind.KEYWORD);
    accepted(Kind.KEYWORD, key, files.get(file.id()));
    return new Outcome(Reason.STORED, load, Optional.empty());
  }

  /**
   * A PUBLISH_SOURCE_REQ. {@code senderTag} is the SOURCEUDEST the store adds when the publisher
   * supplied none (iMule: the datagram's sender); empty when the transport has no such tag.
   */
  public Outcome publishSource(AddressKey publisher, KadId fileId, KadId sourceId, TagList tags,
      Optional<Tag> senderTag, long now) {
    cleanIfDue(now);
    if (tags.isEmpty() || !(tags.first(TagName.SOURCETYPE).orElse(null) instanceof IntTag)
        || !(tags.first(TagName.SOURCEDEST).orElse(null) instanceof AddressTag)) {
      return new Outcome(Reason.INVALID, 0, Optional.empty());
    }
    if (tags.size() >= limits.maxTagsPerEntry()
        || (tags.first(TagName.FILESIZE).isPresent() && tags.intValue(TagName.FILESIZE).orElse(0) == 0)) {
      return new Outcome(Reason.MALFORMED, 0, Optional.empty());
    }
    TagList full = tags;
    if (tags.first(TagName.SOURCEUDEST).isEmpty() && senderTag.isPresent()) {
      List<Tag> l = new ArrayList<>(tags.tags());
      l.add(senderTag.get());
      full = new TagList(l);
    }
    Stored entry = new Stored(sourceId, full, now + limits.sourceLifetime().toMillis(), publisher);
    return addToFileList(sources, Kind.SOURCE, fileId, entry, limits.maxSourcesPerFile(), now);
  }

  /** A PUBLISH_NOTES_REQ: stored (unlike iMule), never acknowledged by the serving layer. */
  public Outcome publishNotes(AddressKey publisher, KadId fileId, KadId sourceId, TagList tags,
      long now) {
    cleanIfDue(now);
    if (tags.isEmpty() || tags.stringValue(TagName.FILENAME).orElse("").isEmpty()) {
      return new Outcome(Reason.INVALID, 0, Optional.empty());
    }
    if (tags.size() > limits.maxTagsPerEntry()) {
      return new Outcome(Reason.MALFORMED, 0, Optional.empty());
    }
    Stored entry = new Stored(sourceId, tags, now + limits.notesLifetime().toMillis(), publisher);
    return addToFileList(notes, Kind.NOTES, fileId, entry, limits.maxNotesPerFile(), now);
  }

  private Outcome addToFileList(Map<KadId, ArrayList<Stored>> index, Kind kind, KadId fileId,
      Stored entry, int max, long now) {
    ArrayList<Stored> list = index.get(fileId);
    if (list == null) {
      if (!quota(entry.publisher(), kind)) {
        return new Outcome(Reason.PUBLISHER_QUOTA, 100, Optional.empty());
      }
      list = new ArrayList<>();
      index.put(fileId, list);
      list.add(entry);
      count(kind, +1);
      accepted(kind, fileId, entry);
      return new Outcome(Reason.STORED, 1, counts(kind, list, now));
    }
    int size = list.size();
    int load = (int) ((size * 100L) / max);
    for (int i = 0; i < list.size(); i++) {
      Stored s = list.get(i);
      if (sameSource(kind, s, entry)) {
        if (!s.publisher().equals(entry.publisher()) && !quota(entry.publisher(), kind)) {
          return new Outcome(Reason.PUBLISHER_QUOTA, 100, Optional.empty());
        }
        if (!s.publisher().equals(entry.publisher())) {
          release(s.publisher(), kind);
        }
        list.remove(i);
        list.add(entry);
        accepted(kind, fileId, entry);
        return new Outcome(Reason.REFRESHED, load, counts(kind, list, now));
      }
    }
    if (!quota(entry.publisher(), kind)) {
      return new Outcome(Reason.PUBLISHER_QUOTA, 100, Optional.empty());
    }
    if (size > max) {
      Stored oldest = list.remove(0);
      release(oldest.publisher(), kind);
      list.add(entry);
      accepted(kind, fileId, entry);
      return new Outcome(Reason.STORED, 100, counts(kind, list, now));
    }
    list.add(entry);
    count(kind, +1);
    accepted(kind, fileId, entry);
    return new Outcome(Reason.STORED, load, counts(kind, list, now));
  }

  /** iMule: a source is the same when its TCP or its UDP destination matches; a note by its publisher id. */
  private static boolean sameSource(Kind kind, Stored a, Stored b) {
    if (kind == Kind.NOTES) {
      return a.entryId().equals(b.entryId());
    }
    Optional<Tag> at = a.tags().first(TagName.SOURCEDEST);
    Optional<Tag> bt = b.tags().first(TagName.SOURCEDEST);
    Optional<Tag> au = a.tags().first(TagName.SOURCEUDEST);
    Optional<Tag> bu = b.tags().first(TagName.SOURCEUDEST);
    return (at.isPresent() && at.equals(bt)) || (au.isPresent() && au.equals(bu));
  }

  private Optional<SourceCounts> counts(Kind kind, List<Stored> list, long now) {
    if (kind != Kind.SOURCE) {
      return Optional.empty();
    }
    long total = 0;
    long complete = 0;
    for (Stored s : list) {
      if (s.expires() >= now) {
        total++;
        if ((s.tags().intValue(TagName.FLAGS).orElse(0) & 1) != 0) {
          complete++;
        }
      }
    }
    return Optional.of(new SourceCounts(total, complete));
  }

  /** iMule publishes a file under each word of its name: the key must be one of them. */
  static boolean nameCarries(String name, KadId key) {
    for (String w : KeywordHasher.words(name, true)) {
      if (KeywordHasher.hash(w).equals(key)) {
        return true;
      }
    }
    for (String w : KeywordHasher.publishWords(name)) {
      if (KeywordHasher.hash(w).equals(key)) {
        return true;
      }
    }
    return false;
  }

  private void add(LinkedHashMap<KadId, Stored> files, KadId id, Stored s, Kind kind) {
    files.put(id, s);
    count(kind, +1);
  }

  private boolean quota(AddressKey publisher, Kind kind) {
    int[] c = perPublisher.computeIfAbsent(publisher, p -> new int[3]);
    if (c[kind.ordinal()] >= limits.maxEntriesPerPublisher()) {
      return false;
    }
    c[kind.ordinal()]++;
    return true;
  }

  private void release(AddressKey publisher, Kind kind) {
    int[] c = perPublisher.get(publisher);
    if (c != null) {
      c[kind.ordinal()]--;
      if (c[0] == 0 && c[1] == 0 && c[2] == 0) {
        perPublisher.remove(publisher);
      }
    }
  }

  private void count(Kind kind, int d) {
    switch (kind) {
      case KEYWORD -> keywordTotal += d;
      case SOURCE -> sourceTotal += d;
      case NOTES -> notesTotal += d;
    }
  }

  // ------------------------------------------------------------------ searching

  /**
   * A SEARCH_KEY_REQ: live files under {@code key} matching the expression (all when absent),
   * after skipping {@code startPosition} matches, at most {@link IndexLimits#maxKeywordResults()}.
   */
  public List<TaggedEntry> searchKeyword(KadId key, Optional<SearchExpr> expression,
      int startPosition, long now) {
    cleanIfDue(now);
    LinkedHashMap<KadId, Stored> files = keywords.get(key);
    if (files == null) {
      return List.of();
    }
    List<TaggedEntry> out = new ArrayList<>();
    int skip = startPosition;
    for (Stored s : files.values()) {
      if (s.expires() < now) {
        continue;
      }
      if (expression.isPresent() && !SearchMatcher.matches(expression.get(), s.tags())) {
        continue;
      }
      if (skip > 0) {
        skip--;
        continue;
      }
      out.add(new TaggedEntry(s.entryId(), s.tags()));
      if (out.size() >= limits.maxKeywordResults()) {
        break;
      }
    }
    return out;
  }

  /** A SEARCH_SOURCE_REQ: live sources of the file, newest first, after {@code startPosition}. */
  public List<TaggedEntry> searchSources(KadId fileId, int startPosition, long now) {
    cleanIfDue(now);
    return newestFirst(sources.get(fileId), startPosition, limits.maxSourceResults(), now);
  }

  /** A SEARCH_NOTES_REQ: live notes of the file, newest first. */
  public List<TaggedEntry> searchNotes(KadId fileId, long now) {
    cleanIfDue(now);
    return newestFirst(notes.get(fileId), 0, limits.maxNotesResults(), now);
  }

  private static List<TaggedEntry> newestFirst(List<Stored> list, int skip, int max, long now) {
    if (list == null) {
      return List.of();
    }
    List<TaggedEntry> out = new ArrayList<>();
    for (int i = list.size() - 1; i >= 0 && out.size() < max; i--) {
      Stored s = list.get(i);
      if (s.expires() < now) {
        continue;
      }
      if (skip > 0) {
        skip--;
        continue;
      }
      out.add(new TaggedEntry(s.entryId(), s.tags()));
    }
    return out;
  }

  /** Whether a live entry {@code entryId} is stored under {@code key} (lab oracle, tests). */
  public boolean holds(Kind kind, KadId key, KadId entryId, long now) {
    if (kind == Kind.KEYWORD) {
      LinkedHashMap<KadId, Stored> files = keywords.get(key);
      Stored s = files == null ? null : files.get(entryId);
      return s != null && s.expires() >= now;
    }
    List<Stored> list = (kind == Kind.SOURCE ? sources : notes).get(key);
    if (list != null) {
      for (Stored s : list) {
        if (s.entryId().equals(entryId) && s.expires() >= now) {
          return true;
        }
      }
    }
    return false;
  }

  /** A live keyword entry's name and the keyword it is stored under (cover vocabulary). */
  public record KeywordName(KadId key, String name) {}

  /**
   * The names of at most {@code max} live keyword entries, with the keyword each is stored under
   * (cover phantom names: {@code CoverPlanner.Vocabulary}).
   */
  public List<KeywordName> keywordNames(long now, int max) {
    List<KeywordName> out = new ArrayList<>();
    for (Map.Entry<KadId, LinkedHashMap<KadId, Stored>> e : keywords.entrySet()) {
      for (Stored s : e.getValue().values()) {
        if (out.size() >= max) {
          return out;
        }
        if (s.expires() >= now) {
          s.tags().stringValue(TagName.FILENAME)
              .ifPresent(n -> out.add(new KeywordName(e.getKey(), n)));
        }
      }
    }
    return out;
  }

  /** Every keyword this index holds entries under (they hash near our own id). */
  public java.util.Set<KadId> keywordKeys() {
    return java.util.Set.copyOf(keywords.keySet());
  }

  /** Every live entry as {@code KIND/key/entry} (32 hex digits each), for the management API. */
  public java.util.Set<String> liveSlots(long now) {
    java.util.Set<String> out = new java.util.HashSet<>();
    keywords.forEach((k, files) -> files.values().forEach(s -> {
      if (s.expires() >= now) {
        out.add(Kind.KEYWORD.name() + '/' + k.toHex() + '/' + s.entryId().toHex());
      }
    }));
    sources.forEach((k, l) -> l.forEach(s -> {
      if (s.expires() >= now) {
        out.add(Kind.SOURCE.name() + '/' + k.toHex() + '/' + s.entryId().toHex());
      }
    }));
    notes.forEach((k, l) -> l.forEach(s -> {
      if (s.expires() >= now) {
        out.add(Kind.NOTES.name() + '/' + k.toHex() + '/' + s.entryId().toHex());
      }
    }));
    return out;
  }

  // ------------------------------------------------------------------ expiry

  /** Drops expired entries when the last sweep is {@link IndexLimits#cleanEvery()} old. */
  private void cleanIfDue(long now) {
    if (now >= nextClean) {
      clean(now);
    }
  }

  /** Drops every expired entry now; returns how many went. */
  public int clean(long now) {
    int removed = 0;
    for (Iterator<LinkedHashMap<KadId, Stored>> k = keywords.values().iterator(); k.hasNext(); ) {
      LinkedHashMap<KadId, Stored> files = k.next();
      for (Iterator<Stored> it = files.values().iterator(); it.hasNext(); ) {
        Stored s = it.next();
        if (s.expires() < now) {
          it.remove();
          release(s.publisher(), Kind.KEYWORD);
          keywordTotal--;
          removed++;
        }
      }
      if (files.isEmpty()) {
        k.remove();
      }
    }
    removed += cleanLists(sources, Kind.SOURCE, now);
    removed += cleanLists(notes, Kind.NOTES, now);
    nextClean = now + limits.cleanEvery().toMillis();
    return removed;
  }

  private int cleanLists(Map<KadId, ArrayList<Stored>> index, Kind kind, long now) {
    int removed = 0;
    for (Iterator<ArrayList<Stored>> k = index.values().iterator(); k.hasNext(); ) {
      ArrayList<Stored> list = k.next();
      for (Iterator<Stored> it = list.iterator(); it.hasNext(); ) {
        Stored s = it.next();
        if (s.expires() < now) {
          it.remove();
          release(s.publisher(), kind);
          count(kind, -1);
          removed++;
        }
      }
      if (list.isEmpty()) {
        k.remove();
      }
    }
    return removed;
  }

  /** Entries held (live or expired but not yet swept) of one kind. */
  public int size(Kind kind) {
    return switch (kind) {
      case KEYWORD -> keywordTotal;
      case SOURCE -> sourceTotal;
      case NOTES -> notesTotal;
    };
  }

  /** Entries one publisher holds of one kind. */
  public int heldBy(AddressKey publisher, Kind kind) {
    int[] c = perPublisher.get(publisher);
    return c == null ? 0 : c[kind.ordinal()];
  }
}
