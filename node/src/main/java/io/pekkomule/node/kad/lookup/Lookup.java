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

  private int results;
  private int completed;
  private int requestsSent;
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
      start(e.seeds(), now, out);
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

  private void start(List<KadContact> seeds, long now, List<LookupEffect> out) {
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
      known.put(s.id(), p);
      askForContacts.put(p.distance, p);
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
      if (!closerPending) {
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
    while (inFlight < capacity) {
      TreeMap<KadId, Peer> list = chooseList();
      if (list == null) {
        break;
      }
      if (completed >= type.completedMax()) {
        KadId worst = bestComplete.isEmpty() ? FURTHEST : bestComplete.lastKey();
        if (!isCloser(list.firstKey(), worst)) {
          Map.Entry<KadId, Peer> furthest = list.pollLastEntry();
          trash.put(furthest.getKey(), furthest.getValue());
          break;
        }
      }
      charge(list, now, out);
      inFlight++;
    }
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
    p.request = list == askForContacts ? Request.NODES : Request.DATA;
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
    } else {
      uncharge(p);
      p.request = null;
      p.status = null;
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
