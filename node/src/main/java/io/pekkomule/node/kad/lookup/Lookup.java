package io.pekkomule.node.kad.lookup;

import io.pekkomule.node.kad.lookup.LookupEffect.AnswerIgnored;
import io.pekkomule.node.kad.lookup.LookupEffect.IgnoreReason;
import io.pekkomule.node.kad.lookup.LookupEffect.PeerUnresponsive;
import io.pekkomule.node.kad.lookup.LookupEffect.SendDataRequest;
import io.pekkomule.node.kad.lookup.LookupEffect.SendNodeRequest;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One KAD lookup as a sans-IO state machine: iMule's serial search ({@code Search.cpp}, spec §11)
 * for every search type. {@link #advance} takes one event and returns the new state and the
 * packets to send; it never sends, schedules or retransmits.
 *
 * <p>iMule's lists are kept as target-distance-ordered maps: {@code known}, {@code askForContacts},
 * {@code askForData}, {@code charged} (outstanding, matched by full destination),
 * {@code bestComplete} and {@code trash}. Each {@link LookupEvent.Tick} is a JumpStart step: quiet
 * check, kill checks, then requests to the closest candidates of whichever ask list is closer.
 *
 * <p>Beyond iMule: an in-flight window of {@code alpha} requests that widens by one for each
 * request past its soft timeout, and a hard timeout after which the peer is reported unresponsive
 * and no longer holds off convergence. With alpha = 1 and a 2 s soft timeout this keeps iMule's
 * pace of one new request per step.
 */
public final class Lookup {
  private static final KadId FURTHEST = new KadId(-1L, -1L);

  private final LookupType type;
  private final KadId target;
  private final KadContact self;
  private final LookupConfig config;
  private final InstantSource clock;

  private final Map<KadId, Peer> known = new HashMap<>();
  private final TreeMap<KadId, Peer> askForContacts = new TreeMap<>();
  private final TreeMap<KadId, Peer> askForData = new TreeMap<>();
  private final TreeMap<KadId, Peer> charged = new TreeMap<>();
  private final Map<Endpoint, Peer> chargedByDest = new HashMap<>();
  private final TreeMap<KadId, Peer> bestComplete = new TreeMap<>();
  private final TreeMap<KadId, Peer> trash = new TreeMap<>();
  /** Exploration candidates far from the target: asked only by exploration REQs. */
  private final TreeMap<KadId, Peer> farSeeds = new TreeMap<>();

  private int results;
  private int completed;
  private int requestsSent;
  private int explored;
  /** Diagnostics: each exploration answer, the explored node first, then the contacts it named. */
  private final List<List<KadId>> explorations = new ArrayList<>();
  private long lastActivity;
  private long totalLoad;
  private int loadResponses;
  private LookupState state = new LookupState.NotStarted();

  private enum Request {
    NODES,
    DATA
  }

  private enum Status {
    /** Request sent, no answer yet. */
    AWAITING,
    /** Hard timeout passed; a late answer is still taken. */
    UNRESPONSIVE,
    /** A SEARCH_RES came but the sender may send more packets (iMule keeps it charged). */
    STREAMING
  }

  private static final class Peer {
    final KadContact contact;
    final KadId distance;
    Request request;
    Status status;
    long sentAt;
    int resultCount;
    /** Asked by an exploration REQ: its answer only names contacts, it gets no data request. */
    boolean explore;
    /** Came from our routing table when the lookup started. */
    boolean seed;
    /** Diagnostics: how far this peer got (see {@link Lookup#fate}). */
    String stage = "known";

    Peer(KadContact contact, KadId target) {
      this.contact = contact;
      this.distance = contact.id().xor(target);
    }
  }

  /**
   * @param self our own contact: data lookups first ask it, and it is never added as a candidate
   */
  public Lookup(LookupType type, KadId target, KadContact self, LookupConfig config,
      InstantSource clock) {
    this.type = type;
    this.target = target;
    this.self = self;
    this.config = config;
    this.clock = clock;
    this.lastActivity = clock.millis();
  }

  public LookupType type() {
    return type;
  }

  public KadId target() {
    return target;
  }

  public LookupState state() {
    return state;
  }

  /** Contacts with a request outstanding (any status), closest first. */
  public List<KadContact> charged() {
    return contactsOf(charged);
  }

  /** Contacts discarded by this lookup (over-count senders, trimmed candidates), closest first. */
  public List<KadContact> trashed() {
    return contactsOf(trash);
  }

  /** Requests (REQ and data requests) sent so far: the lookup's step count. */
  public int requestsSent() {
    return requestsSent;
  }

  /**
   * The {@code n} contacts closest to the target among every contact this lookup has heard of
   * (seeds, answers, answering nodes), closest first: what a NODE lookup found.
   */
  public List<KadContact> closestKnown(int n) {
    return known.values().stream()
        .filter(p -> !isSelf(p.contact))
        .sorted(java.util.Comparator.comparing((Peer p) -> p.distance))
        .limit(n)
        .map(p -> p.contact)
        .toList();
  }

  /**
   * Diagnostics (lab): what happened to {@code id} in this lookup — unknown, known (never asked),
   * req-sent (no answer), req-answered (data never sent), data-sent (no answer), complete —
   * with "/trash" when it was trashed and "/best" when it is in the best-complete list.
   */
  public String fate(KadId id) {
    Peer p = known.get(id);
    if (p == null) {
      return "unknown";
    }
    String s = p.stage;
    if (trash.get(p.distance) == p) {
      s += "/trash";
    }
    if (bestComplete.get(p.distance) == p) {
      s += "/best";
    }
    return s;
  }

  /** Diagnostics: per exploration answer, the explored node's id then the ids it named. */
  public List<List<KadId>> explorations() {
    return List.copyOf(explorations);
  }

  /** The best-complete list, closest first (diagnostics). */
  public List<KadContact> bestCompleteContacts() {
    return contactsOf(bestComplete);
  }

  /** Candidates waiting for a REQ, closest first. */
  public List<KadContact> askForContacts() {
    return contactsOf(askForContacts);
  }

  /** Nodes waiting for the data request, closest first. */
  public List<KadContact> askForData() {
    return contactsOf(askForData);
  }

  public LookupStep advance(LookupEvent event) {
    long now = clock.millis();
    List<LookupEffect> out = new ArrayList<>();
    if (state instanceof LookupState.Finished) {
      Endpoint from = senderOf(event);
      if (from != null) {
        out.add(new AnswerIgnored(from, IgnoreReason.FINISHED));
      }
      return new LookupStep(state, List.copyOf(out));
    }
    if (event instanceof LookupEvent.Start e) {
      if (!(state instanceof LookupState.NotStarted)) {
        throw new IllegalStateException("lookup already started");
      }
      start(e.seeds(), e.far(), now, out);
    } else if (event instanceof LookupEvent.Tick) {
      if (!(state instanceof LookupState.NotStarted)) {
        tick(now, out);
      }
    } else if (event instanceof LookupEvent.NodesReceived e) {
      nodesReceived(e.from(), e.contacts(), now, out);
    } else if (event instanceof LookupEvent.SearchResultsReceived e) {
      searchResults(e.from(), e.entries(), e.accepted(), now, out);
    } else if (event instanceof LookupEvent.PublishAcknowledged e) {
      publishAcknowledged(e.from(), e.load(), now, out);
    } else if (event instanceof LookupEvent.Cancel) {
      finish(Termination.CANCELLED);
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    if (!(state instanceof LookupState.Finished) && !(state instanceof LookupState.NotStarted)) {
      state = running(now);
    }
    return new LookupStep(state, List.copyOf(out));
  }

  private static Endpoint senderOf(LookupEvent event) {
    if (event instanceof LookupEvent.NodesReceived e) {
      return e.from();
    }
    if (event instanceof LookupEvent.SearchResultsReceived e) {
      return e.from();
    }
    if (event instanceof LookupEvent.PublishAcknowledged e) {
      return e.from();
    }
    return null;
  }

  // ------------------------------------------------------------------ start and steps

  private void start(List<KadContact> seeds, List<KadContact> far, long now,
      List<LookupEffect> out) {
    lastActivity = now;
    state = running(now);
    if (type.sendsDataRequests()) {
      // iMule asks itself first: "useful for very small networks".
      Peer me = new Peer(self, target);
      known.put(self.id(), me);
      askForData.put(me.distance, me);
      charge(askForData, now, out);
    }
    for (KadContact s : seeds) {
      if (isSelf(s) || known.containsKey(s.id())) {
        continue;
      }
      Peer p = new Peer(s, target);
      p.seed = true;
      known.put(s.id(), p);
      askForContacts.put(p.distance, p);
    }
    if (type.sendsDataRequests()) {
      for (KadContact s : far) {
        if (isSelf(s) || known.containsKey(s.id())) {
          continue;
        }
        Peer p = new Peer(s, target);
        p.seed = true;
        known.put(s.id(), p);
        farSeeds.put(p.distance, p);
      }
    }
  }

  private boolean isSelf(KadContact c) {
    return c.id().equals(self.id()) || c.endpoint().equals(self.endpoint());
  }

  /** iMule's {@code JumpStart}. */
  private void tick(long now, List<LookupEffect> out) {
    for (Peer p : charged.values()) {
      if (p.status == Status.AWAITING && now - p.sentAt >= config.hardTimeout().toMillis()) {
        p.status = Status.UNRESPONSIVE;
        out.add(new PeerUnresponsive(p.contact));
      }
    }
    if (now - lastActivity < config.quietPeriod().toMillis()) {
      return;
    }
    if (results >= type.maxAnswers() || completed >= type.completedMax()) {
      KadId worst = bestComplete.isEmpty() ? FURTHEST : bestComplete.lastKey();
      boolean closerPending =
          (type != LookupType.NODE || config.iterateNode())
              && (isCloser(closestLiveCharged(), worst)
                  || isCloser(firstKey(askForContacts), worst)
                  || isCloser(firstKey(askForData), worst));
      if (!closerPending && !exploring(now)) {
        finish(Termination.CONVERGED);
        return;
      }
    }
    if (askForContacts.isEmpty() && askForData.isEmpty()) {
      if (charged.isEmpty()) {
        finish(Termination.STARVED);
        return;
      }
      if (now - lastActivity > config.idleLifetime(type).toMillis()) {
        finish(Termination.TIMED_OUT);
        return;
      }
    }
    int inFlight = inFlight(now);
    int capacity = capacity(now);
    if (!farSeeds.isEmpty() && explored < config.explore() && inFlight < capacity) {
      // the far seeds are asked from the start, one per step beside the lookup's own requests,
      // so what they name is known before the lookup converges (no tail after it)
      explored++;
      Peer p = farSeeds.pollFirstEntry().getValue();
      p.explore = true;
      chargePeer(p, Request.NODES, now, out);
      p.stage = "explore-sent";
      inFlight++;
    }
    while (inFlight < capacity) {
      TreeMap<KadId, Peer> list = chooseList();
      if (list == null) {
        break;
      }
      if (completed >= type.completedMax()) {
        KadId worst = bestComplete.isEmpty() ? FURTHEST : bestComplete.lastKey();
        if (!isCloser(list.firstKey(), worst)) {
          if (mayExplore()) {
            // where iMule trashes a candidate, ask the closest unasked one for contacts
            explored++;
            Peer p = closestUnaskedSeed();
            if (farSeeds.get(p.distance) == p) {
              farSeeds.remove(p.distance);
            } else {
              askForContacts.remove(p.distance);
            }
            p.explore = true;
            chargePeer(p, Request.NODES, now, out);
            p.stage = "explore-sent";
          } else {
            Map.Entry<KadId, Peer> furthest = list.pollLastEntry();
            trash.put(furthest.getKey(), furthest.getValue());
          }
          break;
        }
      }
      charge(list, now, out);
      inFlight++;
    }
  }

  /** Exploration REQs left, and a candidate to send one to (data lookups only). */
  private boolean mayExplore() {
    return type.sendsDataRequests() && explored < config.explore() && closestUnaskedSeed() != null;
  }

  /** An explored seed is at least 2^this times further from the target than the worst completed. */
  static final int EXPLORE_DISTANCE_BITS = Integer.getInteger("pekko-mule.lookup.explore-bits", 3);

  /**
   * The closest seed (a contact of our own routing table) not asked yet that is at least
   * 2^{@value #EXPLORE_DISTANCE_BITS}... times further from the target than the worst completed node.
   * A node's routing table knows a key's region through a zone about a seventh of its own distance
   * to the key wide, ten contacts in it: nodes near the key know every node nearest it and all
   * answer the same 2 or 4, while a node some 10-30 ranks-of-ten further away knows a different
   * part of the nearest twenty or forty, and its answer names nodes the near ones never return.
   */
  private Peer closestUnaskedSeed() {
    if (bestComplete.isEmpty()) {
      return null;
    }
    if (!farSeeds.isEmpty()) {
      return farSeeds.firstEntry().getValue();
    }
    int maxZeros = bestComplete.lastKey().leadingZeros() - EXPLORE_DISTANCE_BITS;
    for (Peer p : askForContacts.values()) {
      if (p.seed && p.distance.leadingZeros() <= maxZeros) {
        return p;
      }
    }
    return null;
  }

  /** Whether convergence waits for exploration: REQs left to send, or one still in flight. */
  private boolean exploring(long now) {
    if (mayExplore()) {
      return true;
    }
    for (Peer p : charged.values()) {
      if (p.explore && inFlight(p, now)) {
        return true;
      }
    }
    return false;
  }

  /** The ask list whose closest entry is nearer the target; contacts win ties. */
  private TreeMap<KadId, Peer> chooseList() {
    TreeMap<KadId, Peer> todo = askForContacts.isEmpty() ? null : askForContacts;
    if (!askForData.isEmpty()
        && (todo == null || askForContacts.firstKey().compareTo(askForData.firstKey()) > 0)) {
      todo = askForData;
    }
    return todo;
  }

  private void charge(TreeMap<KadId, Peer> list, long now, List<LookupEffect> out) {
    Peer p = list.pollFirstEntry().getValue();
    chargePeer(p, list == askForContacts ? Request.NODES : Request.DATA, now, out);
  }

  private void chargePeer(Peer p, Request request, long now, List<LookupEffect> out) {
    p.request = request;
    p.stage = p.request == Request.NODES ? "req-sent" : "data-sent";
    p.status = Status.AWAITING;
    p.sentAt = now;
    charged.put(p.distance, p);
    chargedByDest.put(p.contact.endpoint(), p);
    requestsSent++;
    out.add(p.request == Request.NODES
        ? new SendNodeRequest(p.contact, config.requestCount(type))
        : new SendDataRequest(p.contact));
    lastActivity = now;
  }

  private void uncharge(Peer p) {
    charged.remove(p.distance);
    chargedByDest.remove(p.contact.endpoint(), p);
  }

  // ------------------------------------------------------------------ answers

  /** iMule's {@code ProcessResponse}. */
  private void nodesReceived(Endpoint from, List<KadContact> contacts, long now,
      List<LookupEffect> out) {
    Peer p = chargedByDest.get(from);
    if (p == null) {
      out.add(new AnswerIgnored(from, IgnoreReason.UNCHARGED));
      return;
    }
    if (p.request != Request.NODES) {
      out.add(new AnswerIgnored(from, IgnoreReason.WRONG_KIND));
      return;
    }
    lastActivity = now;
    if (contacts.size() > config.requestCount(type)) {
      uncharge(p);
      trash.put(p.distance, p);
      out.add(new AnswerIgnored(from, IgnoreReason.OVER_COUNT));
      return;
    }
    if (type == LookupType.NODE && !config.iterateNode()) {
      // the contacts go to the routing table through the shell; the lookup only counts, and
      // remembers them as what it found (never asked)
      for (KadContact c : contacts) {
        if (!isSelf(c)) {
          known.putIfAbsent(c.id(), new Peer(c, target));
        }
      }
      results++;
      completed++;
      addToCompleted(p);
      return;
    }
    Set<AddressKey> hashes = new HashSet<>();
    hashes.add(from.addressKey()); // a node may not answer with itself
    for (KadContact c : contacts) {
      if (isSelf(c) || known.containsKey(c.id())) {
        continue;
      }
      if (!hashes.add(c.endpoint().addressKey())) {
        continue; // one KadID per address key (iMule: destination hash) in an answer
      }
      Peer q = new Peer(c, target);
      known.put(c.id(), q);
      askForContacts.put(q.distance, q);
    }
    if (type.kind() == LookupType.Kind.NODE) {
      results++;
      completed++;
      addToCompleted(p);
    } else if (p.explore) {
      // beyond the worst completed node when asked: contacts only, no data request
      List<KadId> seen = new ArrayList<>();
      seen.add(p.contact.id());
      contacts.forEach(c -> seen.add(c.id()));
      explorations.add(seen);
      uncharge(p);
      p.stage = "explore-answered";
      trash.put(p.distance, p);
    } else {
      uncharge(p);
      p.request = null;
      p.status = null;
      p.stage = "req-answered";
      askForData.put(p.distance, p);
    }
  }

  /** iMule's {@code ProcessSearchResultList}. */
  private void searchResults(Endpoint from, int entries, int accepted, long now,
      List<LookupEffect> out) {
    Peer p = chargedByDest.get(from);
    if (p == null) {
      out.add(new AnswerIgnored(from, IgnoreReason.UNCHARGED));
      return;
    }
    if (p.request != Request.DATA || type.kind() != LookupType.Kind.SEARCH) {
      out.add(new AnswerIgnored(from, IgnoreReason.WRONG_KIND));
      return;
    }
    lastActivity = now;
    p.resultCount += entries;
    results += accepted;
    completed++;
    addToCompleted(p);
  }

  /** iMule's {@code ProcessPublishResult}. */
  private void publishAcknowledged(Endpoint from, int load, long now,
      List<LookupEffect> out) {
    Peer p = chargedByDest.get(from);
    if (p == null) {
      out.add(new AnswerIgnored(from, IgnoreReason.UNCHARGED));
      return;
    }
    if (p.request != Request.DATA || type.kind() != LookupType.Kind.STORE) {
      out.add(new AnswerIgnored(from, IgnoreReason.WRONG_KIND));
      return;
    }
    lastActivity = now;
    if (load >= 0) {
      totalLoad += load;
      loadResponses++;
    }
    results++;
    completed++;
    addToCompleted(p);
  }

  /** FILE/KEYWORD/NOTES senders stay charged until they delivered maxAnswers entries. */
  private void addToCompleted(Peer p) {
    p.stage = "complete";
    if (type.kind() == LookupType.Kind.SEARCH && p.resultCount < type.maxAnswers()) {
      p.status = Status.STREAMING;
    } else {
      uncharge(p);
    }
    bestComplete.put(p.distance, p);
    if (bestComplete.size() > type.completedMax()) {
      Map.Entry<KadId, Peer> furthest = bestComplete.pollLastEntry();
      trash.put(furthest.getKey(), furthest.getValue());
    }
  }

  // ------------------------------------------------------------------ bookkeeping

  private void finish(Termination reason) {
    int load = loadResponses == 0 ? -1 : (int) (totalLoad / loadResponses);
    state = new LookupState.Finished(reason, results, completed, contactsOf(bestComplete), load);
  }

  private LookupState.Running running(long now) {
    return new LookupState.Running(inFlight(now), capacity(now),
        askForContacts.size() + askForData.size(), results, completed);
  }

  /** Awaiting an answer and not yet past the hard timeout (even if no tick marked it yet). */
  private boolean inFlight(Peer p, long now) {
    return p.status == Status.AWAITING && now - p.sentAt < config.hardTimeout().toMillis();
  }

  private int inFlight(long now) {
    int n = 0;
    for (Peer p : charged.values()) {
      if (inFlight(p, now)) {
        n++;
      }
    }
    return n;
  }

  private int capacity(long now) {
    int widened = 0;
    for (Peer p : charged.values()) {
      if (inFlight(p, now) && now - p.sentAt >= config.softTimeout().toMillis()) {
        widened++;
      }
    }
    return Math.min(config.maxInFlight(), config.alpha() + widened);
  }

  private KadId closestLiveCharged() {
    for (Peer p : charged.values()) {
      if (p.status != Status.UNRESPONSIVE) {
        return p.distance;
      }
    }
    return null;
  }

  private static KadId firstKey(TreeMap<KadId, Peer> map) {
    return map.isEmpty() ? null : map.firstKey();
  }

  private static boolean isCloser(KadId distance, KadId than) {
    return distance != null && distance.compareTo(than) < 0;
  }

  private static List<KadContact> contactsOf(TreeMap<KadId, Peer> map) {
    return map.values().stream().map(p -> p.contact).toList();
  }
}
