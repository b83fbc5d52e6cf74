package io.pekkomule.node.kad.routing;

import io.pekkomule.node.kad.routing.RoutingEffect.CandidateCached;
import io.pekkomule.node.kad.routing.RoutingEffect.Challenge;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactAdded;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactRefused;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactRemoved;
import io.pekkomule.node.kad.routing.RoutingEffect.ContactUpdated;
import io.pekkomule.node.kad.routing.RoutingEffect.SendHello;
import io.pekkomule.node.kad.routing.RoutingEffect.StartLookup;
import io.pekkomule.node.kad.wire.Destinations;
import io.pekkomule.node.kad.wire.Endpoints;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * iMule's KAD routing table as a sans-IO state machine: {@link #handle(RoutingEvent)} applies one
 * event and returns the effects the actor shell must carry out. Time comes from the injected
 * clock, randomness from the injected generator; nothing here sends, schedules or blocks.
 *
 * <p>iMule rules (spec §8–§9): binary tree of zones with K=10 bins, splitting while level &lt; 127
 * and (zoneIndex &lt; KK or level &lt; KBASE); consolidation of sibling leaves holding &lt; K/2;
 * one contact per destination hash; the update rules of {@code RoutingZone::Add}; liveness types
 * 0–4 ({@code UpdateType}/{@code CheckingType}); small timer per leaf every 60 s; big timer zone
 * refresh (one per 10 s, each zone hourly); self lookup after 1 min then every 4 h.
 *
 * <p>Beyond iMule (seed 004 Lane A): a bounded replacement cache per leaf instead of dropping
 * contacts that meet a full bin; endpoint-proof states ({@link ContactState}) with a
 * {@link Challenge} on admission (check before add); identity flips refused and counted.
 */
public final class RoutingTable {
  private static final long HOUR = 3_600_000L;

  private final KadId own;
  private final int ownDestinationHash;
  private final RoutingConfig config;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Zone root;

  private final EntryIndex.ById byId = new EntryIndex.ById();
  private final EntryIndex.ByAddress byHash = new EntryIndex.ByAddress();
  private final EntryIndex.ById candidatesById = new EntryIndex.ById();
  private final EntryIndex.ByAddress candidatesByHash = new EntryIndex.ByAddress();
  private final ArrayDeque<PendingChallenge> pendingChallenges = new ArrayDeque<>();
  private final SubnetPolicy.Counts subnetCounts = new SubnetPolicy.Counts();

  /** iMule's global {@code m_bigTimer}: no zone refresh before this. */
  private long nextBigTimer;
  private long nextConsolidate;
  private long nextSelfLookup;
  private long lastPacket;
  /** Incremented on every split and merge, so a shell can tell when the leaf set changed. */
  private long shapeVersion;

  private record PendingChallenge(Entry entry, long at) {}

  /**
   * @param own our KadID (the centre of the tree)
   * @param ownDestinationHash {@code verifyKeyInput()} of our own endpoint (iMule: the hash of
   *     our UDP destination): verify keys count only when received on it, and contacts whose
   *     endpoint has it are refused as ourselves
   */
  public RoutingTable(KadId own, int ownDestinationHash, RoutingConfig config, InstantSource clock,
      RandomGenerator random) {
    this.own = own;
    this.ownDestinationHash = ownDestinationHash;
    this.config = config;
    this.clock = clock;
    this.random = random;
    long now = clock.millis();
    this.root = new Zone(null, 0, 0, now);
    this.nextBigTimer = now;
    this.nextConsolidate = now + jittered(KadConstants.CONSOLIDATE);
    this.nextSelfLookup = now + jittered(KadConstants.SELF_LOOKUP_FIRST);
  }

  public KadId ownId() {
    return own;
  }

  /** Applies one event; the returned effects are in the order the shell should perform them. */
  public List<RoutingEffect> handle(RoutingEvent event) {
    long now = clock.millis();
    List<RoutingEffect> out = new ArrayList<>();
    if (event instanceof RoutingEvent.ContactSeen e) {
      seen(e, now, out);
    } else if (event instanceof RoutingEvent.ContactVerified e) {
      verify(e.id(), e.dest(), now, out);
    } else if (event instanceof RoutingEvent.RemoveContact e) {
      removeRequested(e.id(), now, out);
    } else if (event instanceof RoutingEvent.MarkAllVerified) {
      markAllVerified(out);
    } else if (event instanceof RoutingEvent.PacketReceived) {
      lastPacket = now;
    } else if (event instanceof RoutingEvent.Tick) {
      tick(now, out);
    } else if (event instanceof RoutingEvent.ZoneSmallTimer e) {
      Zone z = leafAt(e.zone());
      if (z != null) {
        smallTimer(z, now, out);
        z.nextSmallTimer = now + KadConstants.SMALL_TIMER.toMillis();
      }
    } else if (event instanceof RoutingEvent.ZoneBigTimer e) {
      Zone z = leafAt(e.zone());
      if (z != null && z.wantsRefresh()) {
        if (nextBigTimer <= now) {
          refresh(z, now, out);
        } else {
          out.add(new RoutingEffect.RefreshDeferred(e.zone(), nextBigTimer));
        }
      }
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------- add and update

  private void seen(RoutingEvent.ContactSeen e, long now, List<RoutingEffect> out) {
    KadContact c = e.contact();
    if (c.id().equals(own) || c.endpoint().verifyKeyInput() == ownDestinationHash) {
      out.add(new ContactRefused(c, RefusalReason.SELF));
      return;
    }
    if (!Endpoints.isValid(c.endpoint())) {
      out.add(new ContactRefused(c, RefusalReason.INVALID_DESTINATION));
      return;
    }
    Entry existing = byId.get(c.id());
    if (existing != null) {
      if (e.source().update()) {
        update(existing, e, now, out);
      }
      return;
    }
    AddressKey hash = c.endpoint().addressKey();
    Entry holder = byHash.get(hash);
    if (holder == null) {
      Entry cand = candidatesByHash.get(hash);
      holder = cand != null && !cand.id.equals(c.id()) ? cand : null;
    }
    if (holder != null) {
      out.add(new ContactRefused(c, hashConflict(holder, c.endpoint())));
      return;
    }
    Entry previous = candidatesById.get(c.id());
    boolean verified = e.verified();
    if (previous != null) {
      verified |= previous.verified() && previous.dest.equals(c.endpoint());
      dropCandidate(previous);
    }
    Entry n = new Entry(Destinations.intern(c.id()), Destinations.intern(c.endpoint()), c.version(),
        e.udpKey(), verified,
        e.source() == ContactSource.NODES_DAT, now);
    n.receivedHello(e.source().fromHello());
    insert(n, now, out);
  }

  /**
   * One contact per address key (iMule: the destination hash): the same full endpoint under a new
   * id is a flip.
   */
  private static RefusalReason hashConflict(Entry holder, Endpoint offered) {
    if (holder.dest.equals(offered)) {
      holder.identityFlips++;
      return RefusalReason.IDENTITY_FLIP;
    }
    return RefusalReason.HASH_TAKEN;
  }

  private void insert(Entry n, long now, List<RoutingEffect> out) {
    KadId distance = own.xor(n.id);
    Zone z = leafFor(distance);
    List<Zone> created = new ArrayList<>();
    while (true) {
      if (z.bin.size() < KadConstants.K) {
        if (!config.subnets().admits(n.dest,
            SubnetPolicy.sameSubnet(n.dest, z.bin.stream().map(x -> x.dest).toList()),
            subnetCounts)) {
          out.add(new ContactRefused(n.snapshot().toContact(), RefusalReason.SUBNET_LIMIT));
          break;
        }
        admit(z, n, false, now, out);
        break;
      }
      if (z.canSplit()) {
        split(z, now);
        created.add(z.sub[0]);
        created.add(z.sub[1]);
        z = z.sub[distance.bit(z.level)];
        continue;
      }
      cache(z, n, out);
      break;
    }
    for (Zone child : created) {
      fillFromCache(child, now, out);
    }
  }

  private void admit(Zone z, Entry n, boolean fromCache, long now, List<RoutingEffect> out) {
    z.bin.add(n);
    n.zone = z;
    byId.put(n);
    byHash.put(n.hash(), n);
    subnetCounts.add(n.dest);
    boolean challenge = false;
    if (n.verified()) {
      n.state(verifiedState(n));
    } else if (n.fromNodesDat()) {
      // nodes.dat contacts are pinged by the first small timers; their answer triggers the check.
      n.state(ContactState.SEEN);
    } else {
      markChallenged(n, now);
      challenge = true;
    }
    RoutingContact snap = n.snapshot();
    out.add(new ContactAdded(snap, fromCache));
    if (challenge) {
      out.add(new Challenge(snap, ChallengeKind.forVersion(n.version())));
    }
  }

  private void update(Entry x, RoutingEvent.ContactSeen e, long now, List<RoutingEffect> out) {
    KadContact c = e.contact();
    long stored = x.keyValueFor(ownDestinationHash);
    if (stored != 0 && stored != e.udpKey().valueFor(ownDestinationHash)) {
      out.add(new ContactRefused(c, RefusalReason.KEY_MISMATCH));
      return;
    }
    if (x.version() >= 1 && x.version() < 6 && x.receivedHello()) {
      if (x.dest.equals(c.endpoint()) && x.version() == c.version()) {
        markAlive(x, UpdateKind.TIMER_ONLY, false, false, now, out);
      } else {
        out.add(new ContactRefused(c, RefusalReason.LEGACY_LOCKED));
      }
      return;
    }
    AddressKey newHash = c.endpoint().addressKey();
    if (!newHash.equals(x.hash())) {
      Entry holder = byHash.get(newHash);
      if (holder != null) {
        out.add(new ContactRefused(c, hashConflict(holder, c.endpoint())));
        return;
      }
    }
    if (c.version() < x.version()) {
      out.add(new ContactRefused(c, RefusalReason.VERSION_DOWNGRADE));
      return;
    }
    boolean destChanged = !x.dest.equals(c.endpoint());
    if (destChanged) {
      Entry cand = candidatesByHash.get(newHash);
      if (cand != null) {
        dropCandidate(cand);
      }
      byHash.remove(x.hash());
      subnetCounts.remove(x.dest);
      x.dest = Destinations.intern(c.endpoint());
      byHash.put(newHash, x);
      subnetCounts.add(x.dest);
      // iMule clears the flag when the address changes; we compare full destinations (§16.7).
      x.verified(false);
    }
    x.version(c.version());
    x.setKey(e.udpKey());
    boolean newlyVerified = !x.verified() && e.verified();
    if (newlyVerified) {
      x.verified(true);
    }
    if (e.source().fromHello()) {
      x.receivedHello(true);
    }
    markAlive(x, UpdateKind.FULL, newlyVerified, destChanged, now, out);
  }

  /** iMule's {@code SetAlive}: {@code UpdateType}, move to the bin's back; plus Lane A state. */
  private void markAlive(Entry x, UpdateKind kind, boolean newlyVerified, boolean destChanged,
      long now, List<RoutingEffect> out) {
    updateType(x, now);
    x.lastSeen = now;
    x.zone.bin.remove(x);
    x.zone.bin.add(x);
    boolean challenge = false;
    if (x.verified()) {
      x.state(verifiedState(x));
    } else if (destChanged
        || ((x.state() == ContactState.SEEN || x.state() == ContactState.DECAYED)
            && (x.challengedAt == 0
                || now - x.challengedAt >= KadConstants.CHALLENGE_VALIDITY.toMillis()))) {
      markChallenged(x, now);
      challenge = true;
    }
    RoutingContact snap = x.snapshot();
    out.add(new ContactUpdated(snap, kind));
    if (newlyVerified) {
      out.add(new RoutingEffect.ContactVerified(snap));
    }
    if (challenge) {
      out.add(new Challenge(snap, ChallengeKind.forVersion(x.version())));
    }
  }

  private void markChallenged(Entry x, long now) {
    x.state(ContactState.CHALLENGED);
    x.challengedAt = now;
    pendingChallenges.add(new PendingChallenge(x, now));
  }

  private static ContactState verifiedState(Entry x) {
    if (x.type() >= KadConstants.TYPE_DEAD) {
      return ContactState.DECAYED;
    }
    return x.type() <= 1 ? ContactState.STABLE : ContactState.VERIFIED;
  }

  /** iMule's {@code UpdateType}: the class follows the age since the contact entered the table. */
  static void updateType(Entry x, long now) {
    long hours = (now - x.created) / HOUR;
    if (hours == 0) {
      x.type(2);
      x.expires = now + KadConstants.TYPE2_LIFETIME.toMillis();
    } else if (hours == 1) {
      x.type(1);
      x.expires = now + KadConstants.TYPE1_LIFETIME.toMillis();
    } else {
      x.type(0);
      x.expires = now + KadConstants.TYPE0_LIFETIME.toMillis();
    }
  }

  /** iMule's {@code CheckingType}: one class worse, at most every 10 s, with 2 min to answer. */
  static void checkingType(Entry x, long now) {
    if (now - x.lastTypeSet < KadConstants.CHECKING_MIN_INTERVAL.toMillis()
        || x.type() >= KadConstants.TYPE_DEAD) {
      return;
    }
    x.lastTypeSet = now;
    if (x.expires < now) {
      x.expires = now + KadConstants.CHECKING_GRACE.toMillis();
    }
    x.type(x.type() + 1);
    if (x.type() >= KadConstants.TYPE_DEAD) {
      x.state(ContactState.DECAYED);
    } else if (x.verified()) {
      x.state(verifiedState(x));
    }
  }

  // ---------------------------------------------------------------- replacement cache

  private void cache(Zone z, Entry n, List<RoutingEffect> out) {
    KadContact offered = new KadContact(n.version(), n.id, n.dest);
    if (config.replacementCacheSize() == 0) {
      out.add(new ContactRefused(offered, RefusalReason.BIN_FULL));
      return;
    }
    n.state(n.verified() ? ContactState.VERIFIED : ContactState.SEEN);
    n.zone = z;
    z.replacements.add(n);
    z.replacements.sort(Entry.CANDIDATE_ORDER);
    candidatesById.put(n);
    candidatesByHash.put(n.hash(), n);
    trimCache(z);
    if (candidatesById.get(n.id) == n) {
      out.add(new CandidateCached(n.snapshot()));
    } else {
      out.add(new ContactRefused(offered, RefusalReason.BIN_FULL));
    }
  }

  private void trimCache(Zone z) {
    while (z.replacements.size() > config.replacementCacheSize()) {
      Entry worst = z.replacements.get(z.replacements.size() - 1);
      dropCandidate(worst);
    }
  }

  private void dropCandidate(Entry c) {
    c.zone.replacements.remove(c);
    candidatesById.remove(c.id);
    candidatesByHash.remove(c.hash(), c);
  }

  /** Promotes the best candidates into free slots of a leaf. */
  private void fillFromCache(Zone z, long now, List<RoutingEffect> out) {
    while (z.isLeaf() && z.bin.size() < KadConstants.K && !z.replacements.isEmpty()) {
      Entry c = z.replacements.get(0);
      dropCandidate(c);
      if (byHash.containsKey(c.hash()) || byId.containsKey(c.id)) {
        continue;
      }
      c.resetLiveness(now);
      admit(z, c, true, now, out);
    }
  }

  // ---------------------------------------------------------------- tree shape

  /** Which sub-zone of a zone at {@code level} holds {@code e}: bit {@code level} of its distance. */
  private int side(Entry e, int level) {
    return own.bit(level) ^ e.id.bit(level);
  }

  private Zone leafFor(KadId distance) {
    Zone z = root;
    while (!z.isLeaf()) {
      z = z.sub[distance.bit(z.level)];
    }
    return z;
  }

  private void split(Zone z, long now) {
    shapeVersion++;
    z.sub = new Zone[] {
      new Zone(z, z.level + 1, z.index << 1, now), new Zone(z, z.level + 1, (z.index << 1) | 1, now)
    };
    for (Entry e : z.bin) {
      Zone child = z.sub[side(e, z.level)];
      child.bin.add(e);
      e.zone = child;
    }
    for (Entry e : z.replacements) {
      Zone child = z.sub[side(e, z.level)];
      child.replacements.add(e);
      e.zone = child;
    }
    z.bin = null;
    z.replacements = null;
  }

  /** iMule's {@code Consolidate}: bottom-up merge of sibling leaves holding fewer than K/2. */
  private int consolidate(Zone z, long now, List<RoutingEffect> out) {
    if (z.isLeaf()) {
      return 0;
    }
    int merged = 0;
    if (!z.sub[0].isLeaf()) {
      merged += consolidate(z.sub[0], now, out);
    }
    if (!z.sub[1].isLeaf()) {
      merged += consolidate(z.sub[1], now, out);
    }
    if (z.sub[0].isLeaf() && z.sub[1].isLeaf() && z.count() < KadConstants.K / 2) {
      List<Entry> bin = new ArrayList<>(KadConstants.K);
      List<Entry> repl = new ArrayList<>();
      for (Zone s : z.sub) {
        bin.addAll(s.bin);
        repl.addAll(s.replacements);
      }
      z.sub = null;
      shapeVersion++;
      z.bin = bin;
      z.replacements = repl;
      bin.forEach(e -> e.zone = z);
      repl.forEach(e -> e.zone = z);
      repl.sort(Entry.CANDIDATE_ORDER);
      trimCache(z);
      z.startTimers(now);
      fillFromCache(z, now, out);
      merged++;
    }
    return merged;
  }

  // ---------------------------------------------------------------- other events

  /**
   * iMule's {@code VerifyContact}, plus (Lane A) a new contact that just proved its endpoint
   * leaves the "new" class 3 for the class its age gives (2), so it may be handed out; its expiry
   * is left alone, so the small timer still greets it as soon as iMule would. Without this a
   * contact that greeted us first stays type 3 (never handed out) until a later hello, which keeps
   * newcomers invisible for minutes under churn.
   */
  private void verify(KadId id, Endpoint dest, long now, List<RoutingEffect> out) {
    Entry x = byId.get(id);
    if (x == null) {
      Entry c = candidatesById.get(id);
      if (c != null && c.dest.equals(dest) && !c.verified()) {
        c.verified(true);
        c.state(ContactState.VERIFIED);
        c.zone.replacements.sort(Entry.CANDIDATE_ORDER);
      }
      return;
    }
    if (!x.dest.equals(dest)) {
      return;
    }
    boolean newly = !x.verified();
    x.verified(true);
    if (x.type() == KadConstants.TYPE_NEW) {
      x.type(now - x.created < HOUR ? 2 : 1);
      x.lastSeen = now;
    }
    x.state(verifiedState(x));
    if (newly) {
      out.add(new RoutingEffect.ContactVerified(x.snapshot()));
    }
  }

  private void removeRequested(KadId id, long now, List<RoutingEffect> out) {
    Entry x = byId.get(id);
    if (x == null) {
      Entry c = candidatesById.get(id);
      if (c != null) {
        dropCandidate(c);
      }
      return;
    }
    Zone z = x.zone;
    removeEntry(x, RemovalReason.REQUESTED, out);
    fillFromCache(z, now, out);
  }

  private void removeEntry(Entry x, RemovalReason reason, List<RoutingEffect> out) {
    x.zone.bin.remove(x);
    byId.remove(x.id);
    if (byHash.get(x.hash()) == x) {
      subnetCounts.remove(x.dest);
    }
    byHash.remove(x.hash(), x);
    out.add(new ContactRemoved(x.snapshot(), reason));
  }

  private void markAllVerified(List<RoutingEffect> out) {
    for (Zone z : leafZones()) {
      for (Entry x : z.bin) {
        if (!x.verified()) {
          x.verified(true);
          x.state(verifiedState(x));
          out.add(new RoutingEffect.ContactVerified(x.snapshot()));
        }
      }
    }
  }

  // ---------------------------------------------------------------- timers

  private void tick(long now, List<RoutingEffect> out) {
    expireChallenges(now);
    if (now >= nextSelfLookup) {
      out.add(new StartLookup(own, LookupPurpose.SELF_LOOKUP));
      nextSelfLookup = now + jittered(KadConstants.SELF_LOOKUP_PERIOD);
    }
    boolean ignoreZoneTimers =
        lastPacket > 0 && now - lastPacket > KadConstants.BIG_TIMER_OVERRIDE_AFTER.toMillis();
    // bucket actors drive the zone timers: the leaves are only walked for the override below
    boolean walk = !config.zoneTimersExternal() || (ignoreZoneTimers && nextBigTimer <= now);
    for (Zone z : walk ? leafZones() : List.<Zone>of()) {
      if (config.zoneTimersExternal()) {
        // bucket actors drive the zone timers; only the "no packet for 15 min" override runs here
        if (ignoreZoneTimers && nextBigTimer <= now && z.wantsRefresh()) {
          refresh(z, now, out);
        }
        continue;
      }
      if (nextBigTimer <= now && (z.nextBigTimer <= now || ignoreZoneTimers) && z.wantsRefresh()) {
        refresh(z, now, out);
      }
      if (z.nextSmallTimer <= now) {
        smallTimer(z, now, out);
        z.nextSmallTimer = now + KadConstants.SMALL_TIMER.toMillis();
      }
    }
    if (now >= nextConsolidate) {
      consolidate(root, now, out);
      nextConsolidate = now + jittered(KadConstants.CONSOLIDATE);
    }
  }

  /** iMule's period, or a draw around it when the config asks for jitter. */
  private long jittered(java.time.Duration period) {
    double j = config.timerJitter();
    if (j == 0) {
      return period.toMillis();
    }
    return Math.round(period.toMillis() * (1 - j + 2 * j * random.nextDouble()));
  }

  private void refresh(Zone z, long now, List<RoutingEffect> out) {
    out.add(new StartLookup(randomInZone(z), LookupPurpose.ZONE_REFRESH));
    z.nextBigTimer = now + KadConstants.BIG_TIMER.toMillis();
    nextBigTimer = now + KadConstants.BIG_TIMER_GAP.toMillis();
  }

  private void expireChallenges(long now) {
    long validity = KadConstants.CHALLENGE_VALIDITY.toMillis();
    while (!pendingChallenges.isEmpty() && pendingChallenges.peek().at() + validity <= now) {
      PendingChallenge p = pendingChallenges.poll();
      Entry x = p.entry();
      if (x.state() == ContactState.CHALLENGED && x.challengedAt == p.at()) {
        x.state(ContactState.DECAYED);
      }
    }
  }

  /** iMule's {@code OnSmallTimer} for one leaf, plus promotion into slots freed by the dead. */
  private void smallTimer(Zone z, long now, List<RoutingEffect> out) {
    for (Entry x : List.copyOf(z.bin)) {
      if (x.type() >= KadConstants.TYPE_DEAD
          && byId.size() > config.keepContacts()
          && x.expires > 0
          && x.expires <= now) {
        removeEntry(x, RemovalReason.DEAD, out);
        continue;
      }
      if (x.expires == 0) {
        x.expires = now;
      }
    }
    fillFromCache(z, now, out);
    if (z.bin.isEmpty()) {
      return;
    }
    Entry oldest = z.bin.get(0);
    if (oldest.expires >= now || oldest.type() >= KadConstants.TYPE_DEAD) {
      z.bin.remove(0);
      z.bin.add(oldest);
      return;
    }
    checkingType(oldest, now);
    HelloKind kind = HelloKind.forVersion(oldest.version(), oldest.kad2Probe());
    if (oldest.version() <= 1) {
      oldest.kad2Probe(false);
    }
    out.add(new SendHello(oldest.snapshot(), kind));
  }

  /** A random id whose distance to us starts with the zone's {@code level} index bits. */
  private KadId randomInZone(Zone z) {
    if (z.level <= 63) {
      return KadId.randomInZone(own, z.level, z.index, random);
    }
    int shift = 128 - z.level; // 1..64 bits left free, all in the low word
    long hi = shift == 64 ? z.index : z.index >>> (64 - shift);
    long lo = shift == 64 ? random.nextLong() : (z.index << shift) | (random.nextLong() >>> (64 - shift));
    return own.xor(new KadId(hi, lo));
  }

  /** The earliest time at which a {@link RoutingEvent.Tick} has work to do. */
  public long nextDueMillis() {
    long due = Math.min(nextSelfLookup, nextConsolidate);
    long earliestBig = Long.MAX_VALUE;
    for (Zone z : config.zoneTimersExternal() ? List.<Zone>of() : leafZones()) {
      due = Math.min(due, z.nextSmallTimer);
      if (z.wantsRefresh()) {
        earliestBig = Math.min(earliestBig, z.nextBigTimer);
      }
    }
    if (earliestBig != Long.MAX_VALUE) {
      due = Math.min(due, Math.max(nextBigTimer, earliestBig));
    }
    if (!pendingChallenges.isEmpty()) {
      due = Math.min(due, pendingChallenges.peek().at() + KadConstants.CHALLENGE_VALIDITY.toMillis());
    }
    return due;
  }

  // ---------------------------------------------------------------- queries

  public int size() {
    return byId.size();
  }

  /** Changes whenever a zone splits or leaves merge: the leaf set may differ from before. */
  public long shapeVersion() {
    return shapeVersion;
  }

  /** The current leaf zones, left (distance bit 0) to right. */
  public List<ZoneKey> leafKeys() {
    List<ZoneKey> keys = new ArrayList<>();
    for (Zone z : leafZones()) {
      keys.add(new ZoneKey(z.level, z.index));
    }
    return keys;
  }

  /** Verified contacts (the ones handed out). */
  public int verifiedCount() {
    int n = 0;
    for (Entry e : byId.values()) {
      if (e.verified()) {
        n++;
      }
    }
    return n;
  }

  /** The leaf with this key, or null when the tree no longer has it as a leaf. */
  private Zone leafAt(ZoneKey key) {
    Zone z = root;
    while (!z.isLeaf() && z.level < key.level()) {
      long bit = (key.index() >>> (key.level() - z.level - 1)) & 1;
      z = z.sub[(int) bit];
    }
    return z.isLeaf() && z.level == key.level() && z.index == key.index() ? z : null;
  }

  public Optional<RoutingContact> get(KadId id) {
    Entry x = byId.get(id);
    return x == null ? Optional.empty() : Optional.of(x.snapshot());
  }

  /** The contact at exactly this destination (full 387-byte match). */
  public Optional<RoutingContact> findByDestination(Endpoint dest) {
    Entry x = byHash.get(dest.addressKey());
    return x == null || !x.dest.equals(dest) ? Optional.empty() : Optional.of(x.snapshot());
  }

  /** A replacement-cache candidate, if this id waits in one. */
  public Optional<RoutingContact> candidate(KadId id) {
    Entry x = candidatesById.get(id);
    return x == null ? Optional.empty() : Optional.of(x.snapshot());
  }

  /** Every contact, leaves left (distance bit 0) to right, each bin front (oldest) first. */
  public List<RoutingContact> contacts() {
    List<RoutingContact> all = new ArrayList<>(byId.size());
    for (Zone z : leafZones()) {
      z.bin.forEach(e -> all.add(e.snapshot()));
    }
    return all;
  }

  public List<ZoneView> leaves() {
    List<ZoneView> views = new ArrayList<>();
    for (Zone z : leafZones()) {
      views.add(new ZoneView(z.level, z.index, z.bin.stream().map(Entry::snapshot).toList(),
          z.replacements.stream().map(Entry::snapshot).toList(), z.nextSmallTimer,
          z.nextBigTimer));
    }
    return views;
  }

  /**
   * Up to {@code n} contacts closest to {@code target} (XOR order, closest first) whose type is at
   * most {@code maxType}, verified ones only if asked. The tree walk visits the sub-zone on the
   * target's side first, so the result is exact (iMule's {@code GetClosestToTarget}).
   */
  public List<RoutingContact> closest(KadId target, int n, int maxType, boolean verifiedOnly) {
    if (n <= 0) {
      return List.of();
    }
    List<Entry> found = new ArrayList<>();
    collect(root, own.xor(target), n, maxType, verifiedOnly, found);
    // sort by XOR distance, each distance computed once (ids are unique: the order is total)
    int m = found.size();
    long[] hi = new long[m];
    long[] lo = new long[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      KadId id = found.get(i).id;
      hi[i] = id.hi() ^ target.hi();
      lo[i] = id.lo() ^ target.lo();
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> {
      int c = Long.compareUnsigned(hi[a], hi[b]);
      return c != 0 ? c : Long.compareUnsigned(lo[a], lo[b]);
    });
    List<RoutingContact> out = new ArrayList<>(Math.min(n, m));
    for (int i = 0; i < m && i < n; i++) {
      out.add(found.get(order[i]).snapshot());
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static void collect(Zone z, KadId targetDistance, int n, int maxType,
      boolean verifiedOnly, List<Entry> found) {
    if (z.isLeaf()) {
      for (Entry e : z.bin) {
        if (e.type() <= maxType && (e.verified() || !verifiedOnly)) {
          found.add(e);
        }
      }
      return;
    }
    int closer = targetDistance.bit(z.level);
    collect(z.sub[closer], targetDistance, n, maxType, verifiedOnly, found);
    if (found.size() < n) {
      collect(z.sub[1 - closer], targetDistance, n, maxType, verifiedOnly, found);
    }
  }

  /** The contacts for a RES answer: type ≤ 2, verified, at most min(count &amp; 0x1F, 25). */
  public List<RoutingContact> closestForResponse(KadId target, int requestedCount) {
    int n = Math.min(requestedCount & 0x1F, KadConstants.MAX_RESPONSE_CONTACTS);
    return closest(target, n, KadConstants.TYPE_MAX_FOR_RESPONSES, true);
  }

  /**
   * Lookup seeds: the 50 closest verified contacts of type ≤ 3; when there are fewer, the 50
   * closest verified of type ≤ 4 (iMule's {@code CSearch::Go}).
   */
  public List<RoutingContact> lookupSeeds(KadId target) {
    List<RoutingContact> seeds =
        closest(target, KadConstants.LOOKUP_SEEDS, KadConstants.TYPE_MAX_FOR_SEEDS, true);
    if (seeds.size() < KadConstants.LOOKUP_SEEDS) {
      seeds = closest(target, KadConstants.LOOKUP_SEEDS, KadConstants.TYPE_DEAD, true);
    }
    return seeds;
  }

  /**
   * Candidates for a data lookup's exploration REQs ({@code LookupConfig.explore}): up to
   * {@code n} verified contacts of type ≤ 3, closest to {@code target} first, at least
   * 2^{@code bits} times further from it than our own 10th closest contact is from us (with
   * uniform ids, about the distance of the target's 10th closest node), left out of the
   * {@link #lookupSeeds} when closer ones fill those. Such a node knows the target's region only
   * through a sample of it, so its answer may name nodes that every node near the target knows
   * but never returns. Empty while we know fewer than 10 verified contacts.
   */
  public List<RoutingContact> exploreSeeds(KadId target, int n, int bits) {
    if (n <= 0) {
      return List.of();
    }
    List<RoutingContact> mine = closest(own, KadConstants.K, KadConstants.TYPE_MAX_FOR_SEEDS, true);
    if (mine.size() < KadConstants.K) {
      return List.of();
    }
    int maxZeros = mine.get(mine.size() - 1).id().xor(own).leadingZeros() - bits;
    List<RoutingContact> seeds = lookupSeeds(target);
    Set<KadId> taken = new HashSet<>();
    for (RoutingContact c : seeds) {
      taken.add(c.id());
    }
    List<Entry> found = new ArrayList<>();
    collectAll(root, found);
    return found.stream()
        .filter(e -> e.type() <= KadConstants.TYPE_MAX_FOR_SEEDS && e.verified())
        .filter(e -> !taken.contains(e.id) && e.id.xor(target).leadingZeros() <= maxZeros)
        .sorted(Comparator.comparing((Entry e) -> e.id.xor(target)))
        .limit(n)
        .map(Entry::snapshot)
        .toList();
  }

  private static void collectAll(Zone z, List<Entry> found) {
    if (z.isLeaf()) {
      found.addAll(z.bin);
      return;
    }
    collectAll(z.sub[0], found);
    collectAll(z.sub[1], found);
  }

  /**
   * A spread sample for BOOTSTRAP_RES and nodes.dat: every leaf down to depth 5, below that one
   * random leaf per depth-5 sub-tree (iMule's {@code GetBootstrapContacts}).
   */
  public List<RoutingContact> bootstrapContacts(int max) {
    List<Entry> found = new ArrayList<>();
    topDepth(root, KadConstants.LOG_BASE_EXPONENT, found);
    return found.stream().limit(Math.max(0, max)).map(Entry::snapshot).toList();
  }

  private void topDepth(Zone z, int depth, List<Entry> found) {
    if (z.isLeaf()) {
      found.addAll(z.bin);
    } else if (depth <= 0) {
      Zone r = z;
      while (!r.isLeaf()) {
        r = r.sub[random.nextInt(2)];
      }
      found.addAll(r.bin);
    } else {
      topDepth(z.sub[0], depth - 1, found);
      topDepth(z.sub[1], depth - 1, found);
    }
  }

  /**
   * Whether a contact learned from a RES may be used by a lookup (iMule's
   * {@code IsAcceptableContact}): a known id must not point a verified entry elsewhere, an unknown
   * one must not take a destination hash already in use.
   */
  public boolean isAcceptable(KadContact c) {
    Entry x = byId.get(c.id());
    if (x != null) {
      return !(x.verified() && !x.dest.equals(c.endpoint()));
    }
    return !byHash.containsKey(c.endpoint().addressKey());
  }

  private List<Zone> leafZones() {
    List<Zone> leaves = new ArrayList<>();
    ArrayDeque<Zone> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Zone z = stack.pop();
      if (z.isLeaf()) {
        leaves.add(z);
      } else {
        stack.push(z.sub[1]);
        stack.push(z.sub[0]);
      }
    }
    return leaves;
  }
}
