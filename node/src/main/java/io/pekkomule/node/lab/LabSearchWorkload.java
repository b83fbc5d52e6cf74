package io.pekkomule.node.lab;

import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.index.IndexStore;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.search.Publisher;
import io.pekkomule.node.kad.search.SearchEvent;
import io.pekkomule.node.kad.search.SearchRequest;
import io.pekkomule.node.kad.search.SharedFile;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.keyword.KeywordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The lab's publish and search workload (issue 5), driven by the {@link LabGuardian}: random nodes
 * share a file each (a two-word name, a third of them with notes); after the publish settles,
 * the oracle asks the 10 live nodes closest to each published key whether they hold the entry
 * (publish reach), and another random node searches the keyword, the sources and the notes
 * (search success); the nodes a search's data requests were answered by are asked whether they
 * hold what was searched (store/search replica overlap).
 *
 * <p>Shares the guardian's view of the live nodes: the guardian and this helper run on the
 * guardian's thread only (the workload runs on virtual time only, where every actor runs on the
 * lab loop's one thread).
 */
final class LabSearchWorkload {
  /** Messages for the guardian to hand back to {@link #on}. */
  record Msg(Object body) implements LabGuardian.Command {}

  private record Publish(int task) {}

  private record Judge(Task task) {}

  private record Holds(Task task, Purpose purpose, IndexStore.Kind kind, KadId node, boolean holds) {}

  private record Searched(Task task, KadId searcher, SearchEvent event) {}

  /** Why a node was asked: for the reach of a publish, or for the overlap of a search. */
  private enum Purpose {
    REACH,
    OVERLAP
  }

  private static final class Task {
    final SharedFile file;
    final LabGuardian.LabNode publisher;
    final KadId userHash;
    final String w1;
    /** Per kind: answers of the 10 truth nodes; per search: holders among its answering peers. */
    final int[] reachYes = new int[3];
    final int[] reachAnswers = new int[3];
    final int[] overlapYes = new int[3];
    final int[] overlapAsked = new int[3];
    final int[] overlapAnswers = new int[3];
    final boolean[] searchFound = new boolean[3];
    final boolean[] searchDone = new boolean[3];
    /** DEBUG: the truth per kind and which of it holds the entry. */
    @SuppressWarnings("unchecked")
    final List<KadId>[] truth = new List[3];
    final List<Map<KadId, Boolean>> holdsBy =
        List.of(new java.util.HashMap<>(), new java.util.HashMap<>(), new java.util.HashMap<>());

    Task(SharedFile file, LabGuardian.LabNode publisher, String w1) {
      this.file = file;
      this.publisher = publisher;
      this.userHash = Publisher.userHashOf(publisher.identity);
      this.w1 = w1;
    }

    KadId key(IndexStore.Kind k) {
      return k == IndexStore.Kind.KEYWORD ? KeywordHasher.hash(w1) : file.fileId();
    }

    KadId entry(IndexStore.Kind k) {
      return switch (k) {
        case KEYWORD -> file.fileId();
        case SOURCE -> userHash;
        case NOTES -> publisher.id();
      };
    }
  }

  private static final boolean DEBUG = Boolean.getBoolean("pekko-mule.lab.debug");

  /** Lab diagnostics: the finished data lookups by type and target (DEBUG only). */
  private static final Map<String, List<io.pekkomule.node.kad.lookup.Lookup>> FINISHED =
      new java.util.concurrent.ConcurrentHashMap<>();

  static {
    if (DEBUG) {
      io.pekkomule.node.kad.lookup.LookupActor.debugSink = (o, m) -> {
        if (o.type() != LookupType.NODE && o.type() != LookupType.NODECOMPLETE) {
          FINISHED.computeIfAbsent(o.type() + ":" + o.target(), x ->
              java.util.Collections.synchronizedList(new ArrayList<>())).add(m);
          System.err.printf("lookup-end type=%s key=%s term=%s results=%d requests=%d ms=%d%n",
              o.type(), o.target().toHex().substring(0, 8), o.termination(), o.results(),
              o.requests(), o.durationMillis());
        }
      };
    }
  }

  private static LookupType storeType(IndexStore.Kind k) {
    return switch (k) {
      case KEYWORD -> LookupType.STOREKEYWORD;
      case SOURCE -> LookupType.STOREFILE;
      case NOTES -> LookupType.STORENOTES;
    };
  }

  /** DEBUG: the oracle rank of {@code id} for {@code key} among the live nodes. */
  private int rankOf(KadId key, KadId id) {
    KadId d = id.xor(key);
    int r = 0;
    for (KadId a : alive.keySet()) {
      if (a.xor(key).compareTo(d) < 0) {
        r++;
      }
    }
    return r;
  }

  /** DEBUG: for each of the true 10 closest, its fate in every lookup of this type and key. */
  private void diagnose(String what, LookupType type, KadId key, List<KadId> truth,
      Map<KadId, Boolean> holds) {
    List<io.pekkomule.node.kad.lookup.Lookup> ls = FINISHED.getOrDefault(type + ":" + key,
        List.of());
    List<KadId> ranks = Oracle.closest(alive.keySet(), key, 60, null);
    StringBuilder b = new StringBuilder();
    b.append(String.format("diag %s type=%s key=%s lookups=%d", what, type,
        key.toHex().substring(0, 8), ls.size()));
    for (int r = 0; r < truth.size(); r++) {
      KadId id = truth.get(r);
      b.append(String.format(" r%d:%s", r, holds == null ? "" : holds.getOrDefault(id, false) ? "Y" : "n"));
      for (io.pekkomule.node.kad.lookup.Lookup l : ls) {
        b.append('[').append(l.fate(id)).append(']');
      }
    }
    for (io.pekkomule.node.kad.lookup.Lookup l : ls) {
      b.append(" best-ranks=");
      for (KadContact c : l.bestCompleteContacts()) {
        b.append(ranks.indexOf(c.id())).append(',');
      }
      b.append(" req=").append(l.requestsSent());
      for (List<KadId> x : l.explorations()) {
        b.append(" x").append(rankOf(key, x.get(0))).append(':');
        for (KadId c : x.subList(1, x.size())) {
          b.append(rankOf(key, c)).append(',');
        }
      }
    }
    System.err.println(b);
  }

  private final ActorContext<LabGuardian.Command> ctx;
  private final Map<KadId, LabGuardian.LabNode> alive;
  private final SplittableRandom random;
  private final LongSupplier nanos;
  private final long minOriginAge;
  private final LabLedger ledger;
  private final List<Task> tasks = new ArrayList<>();

  LabSearchWorkload(ActorContext<LabGuardian.Command> ctx, Map<KadId, LabGuardian.LabNode> alive,
      SplittableRandom random, LongSupplier nanos, long minOriginAge, LabLedger ledger) {
    this.ctx = ctx;
    this.alive = alive;
    this.random = random;
    this.nanos = nanos;
    this.minOriginAge = minOriginAge;
    this.ledger = ledger;
  }

  /**
   * Plans {@code n} publishes at uniform times in the first quarter of the workload; each is
   * judged half a workload later, which leaves the publisher time for its source publish, then
   * (ordering rule) its keyword publish, and the searches time to end before the run does.
   */
  void plan(LabParams p) {
    Duration workload = p.duration().minus(p.warmup());
    long window = workload.toNanos() / 4;
    for (int i = 0; i < p.publishes(); i++) {
      Duration at = p.warmup().plusNanos((long) (window * (i + random.nextDouble()) / p.publishes()));
      ctx.scheduleOnce(at, ctx.getSelf(), new Msg(new Publish(i)));
    }
    judgeAfter = workload.dividedBy(2);
  }

  private Duration judgeAfter = Duration.ofMinutes(7);

  void on(Msg m) {
    Object b = m.body();
    if (b instanceof Publish) {
      publish();
    } else if (b instanceof Judge j) {
      judge(j.task());
    } else if (b instanceof Holds h) {
      holds(h);
    } else if (b instanceof Searched s) {
      searched(s.task(), s.searcher(), s.event());
    }
  }

  private List<LabGuardian.LabNode> origins(KadId except) {
    long now = nanos.getAsLong();
    List<LabGuardian.LabNode> out = new ArrayList<>();
    for (LabGuardian.LabNode n : alive.values()) {
      if (now - n.joinedNanos >= minOriginAge && !n.id().equals(except)) {
        out.add(n);
      }
    }
    return out;
  }

  private String word() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      b.append((char) ('a' + random.nextInt(26)));
    }
    return b.toString();
  }

  private void publish() {
    List<LabGuardian.LabNode> o = origins(null);
    if (o.isEmpty()) {
      return;
    }
    LabGuardian.LabNode p = o.get(random.nextInt(o.size()));
    String w1 = word();
    String w2 = word();
    SharedFile f = SharedFile.complete(KadId.random(random), w1 + " " + w2 + ".avi",
        1 + random.nextLong(1L << 32));
    if (tasks.size() % 3 == 0) {
      f = f.withNotes(1 + random.nextInt(5), "lab note " + w2);
    }
    Task t = new Task(f, p, w1);
    tasks.add(t);
    p.node.tell(new KadNode.Share(f));
    ctx.scheduleOnce(judgeAfter, ctx.getSelf(), new Msg(new Judge(t)));
  }

  private void judge(Task t) {
    for (IndexStore.Kind k : IndexStore.Kind.values()) {
      if (k == IndexStore.Kind.NOTES && !t.file.hasNotes()) {
        continue;
      }
      List<KadId> truth = Oracle.closest(alive.keySet(), t.key(k), 10, null);
      t.truth[k.ordinal()] = truth;
      for (int rank = 0; rank < truth.size(); rank++) {
        LabGuardian.LabNode n = alive.get(truth.get(rank));
        if (DEBUG) {
          int r = rank;
          KadId key = t.key(k);
          ActorRef<Boolean> dbg = ctx.spawnAnonymous(Behaviors.receive(Boolean.class)
              .onMessage(Boolean.class, yes -> {
                if (!yes) {
                  System.err.printf("reach miss kind=%s rank=%d key=%s publisher=%s node=%s%n", k, r,
                      key.toHex().substring(0, 8), t.publisher.id().toHex().substring(0, 8),
                      n.id().toHex().substring(0, 8));
                }
                return Behaviors.stopped();
              }).build());
          n.node.tell(new KadNode.QueryIndex(k, t.key(k), t.entry(k), dbg));
        }
        ask(t, Purpose.REACH, k, n);
      }
    }
    List<LabGuardian.LabNode> o = origins(t.publisher.id());
    if (o.isEmpty()) {
      return;
    }
    LabGuardian.LabNode s = o.get(random.nextInt(o.size()));
    search(t, s, SearchRequest.keyword(t.file.name().substring(0, t.file.name().length() - 4)));
    search(t, s, SearchRequest.sources(t.file.fileId(), t.file.size()));
    if (t.file.hasNotes()) {
      search(t, s, SearchRequest.notes(t.file.fileId(), t.file.size()));
    }
  }

  private void ask(Task t, Purpose purpose, IndexStore.Kind k, LabGuardian.LabNode n) {
    if (n == null) {
      return;
    }
    ActorRef<LabGuardian.Command> self = ctx.getSelf();
    ActorRef<Boolean> reply = ctx.spawnAnonymous(Behaviors.receive(Boolean.class)
        .onMessage(Boolean.class, yes -> {
          self.tell(new Msg(new Holds(t, purpose, k, n.id(), yes)));
          return Behaviors.stopped();
        })
        .build());
    n.node.tell(new KadNode.QueryIndex(k, t.key(k), t.entry(k), reply));
    if (purpose == Purpose.OVERLAP) {
      t.overlapAsked[k.ordinal()]++;
    }
  }

  private void holds(Holds h) {
    IndexStore.Kind k = h.kind();
    Task t = h.task();
    int i = k.ordinal();
    if (h.purpose() == Purpose.REACH) {
      t.reachAnswers[i]++;
      t.holdsBy.get(i).put(h.node(), h.holds());
      if (h.holds()) {
        t.reachYes[i]++;
      }
      if (t.reachAnswers[i] == 10) {
        if (DEBUG) {
          diagnose("reach", storeType(k), t.key(k), t.truth[i], t.holdsBy.get(i));
        }
        ledger.addReach(k, t.reachYes[i]);
      }
    } else {
      t.overlapAnswers[i]++;
      if (h.holds()) {
        t.overlapYes[i]++;
      }
      if (t.overlapAnswers[i] == t.overlapAsked[i]) {
        ledger.addOverlap(k, (double) t.overlapYes[i] / t.overlapAsked[i]);
      }
    }
  }

  private void search(Task t, LabGuardian.LabNode s, SearchRequest r) {
    ActorRef<LabGuardian.Command> self = ctx.getSelf();
    KadId searcher = s.id();
    ActorRef<SearchEvent> events = ctx.spawnAnonymous(Behaviors.receive(SearchEvent.class)
        .onMessage(SearchEvent.class, e -> {
          self.tell(new Msg(new Searched(t, searcher, e)));
          return e instanceof SearchEvent.Done ? Behaviors.stopped() : Behaviors.same();
        })
        .build());
    s.node.tell(new KadNode.Search(r, events));
  }

  private static IndexStore.Kind kindOf(LookupType type) {
    return switch (type) {
      case KEYWORD -> IndexStore.Kind.KEYWORD;
      case FILE -> IndexStore.Kind.SOURCE;
      default -> IndexStore.Kind.NOTES;
    };
  }

  private void searched(Task t, KadId searcher, SearchEvent e) {
    IndexStore.Kind k = kindOf(e.request().type());
    int i = k.ordinal();
    if (e instanceof SearchEvent.Result r) {
      if (r.entry().id().equals(t.entry(k))) {
        t.searchFound[i] = true;
      }
      return;
    }
    SearchEvent.Done d = (SearchEvent.Done) e;
    if (t.searchDone[i]) {
      return;
    }
    t.searchDone[i] = true;
    ledger.addSearch(k, t.searchFound[i]);
    if (DEBUG && t.truth[i] != null) {
      diagnose("search", e.request().type(), t.key(k), t.truth[i], t.holdsBy.get(i));
    }
    Set<KadId> asked = new HashSet<>();
    for (KadContact c : d.outcome().completedPeers()) {
      LabGuardian.LabNode n = alive.get(c.id());
      // the searcher itself answers its own first data request; it is not a replica
      if (n != null && !n.id().equals(searcher) && asked.add(c.id())) {
        ask(t, Purpose.OVERLAP, k, n);
      }
    }
  }
}
