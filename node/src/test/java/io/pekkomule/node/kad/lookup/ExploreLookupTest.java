package io.pekkomule.node.kad.lookup;

import static io.pekkomule.node.kad.lookup.LookupTest.SELF;
import static io.pekkomule.node.kad.lookup.LookupTest.TARGET;
import static io.pekkomule.node.kad.lookup.LookupTest.peer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.kad.KadFixtures;
import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.lookup.LookupEffect.SendDataRequest;
import io.pekkomule.node.kad.lookup.LookupEffect.SendNodeRequest;
import io.pekkomule.node.kad.lookup.LookupEvent.PublishAcknowledged;
import io.pekkomule.node.kad.lookup.LookupEvent.Start;
import io.pekkomule.node.kad.lookup.LookupEvent.Tick;
import io.pekkomule.protocol.contact.KadContact;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exploration REQs ({@link LookupConfig#explore}): once a data lookup has nothing closer than its
 * worst completed node to ask, it asks its closest unasked seeds at least 8 times further than
 * that node for contacts (the type's own count), and a closer node one of them names is then
 * asked and stored to as usual.
 */
class ExploreLookupTest {
  final FakeClock clock = new FakeClock();

  /** Ten close seeds (distances 2..11) and one further seed at distance 0x40. */
  static final List<KadContact> CLOSE = closeSeeds();
  static final KadContact FAR_SEED = peer(0x40);
  /** A seed less than 8 times further than the worst completed node: never explored. */
  static final KadContact MID_SEED = peer(0x10);
  /** Known only to the far seed, and closer to the target than every close seed. */
  static final KadContact HIDDEN = peer(0x01);

  static List<KadContact> closeSeeds() {
    List<KadContact> out = new ArrayList<>();
    for (int d = 2; d <= 11; d++) {
      out.add(peer(d));
    }
    return out;
  }

  /** One request at a time, so the order of requests is fixed. */
  static LookupConfig serial(int explore) {
    return new LookupConfig(1, Duration.ofSeconds(15), Duration.ofSeconds(45), 1, Duration.ZERO,
        false, 0, explore);
  }

  /**
   * Runs a store lookup where every node answers at once: a REQ with no contacts (the far seed
   * names {@link #HIDDEN}), a data request with a PUBLISH_RES. Returns every effect.
   */
  List<LookupEffect> run(Lookup l, Map<KadContact, List<KadContact>> answers) {
    return run(l, answers, List.of());
  }

  List<LookupEffect> run(Lookup l, Map<KadContact, List<KadContact>> answers,
      List<KadContact> far) {
    List<LookupEffect> all = new ArrayList<>();
    Deque<LookupEffect> todo = new ArrayDeque<>();
    long t = 0;
    clock.set(KadFixtures.T0);
    todo.addAll(l.advance(new Start(listOf(), far)).effects());
    for (int step = 0; step < 200 && !(l.state() instanceof LookupState.Finished); step++) {
      while (!todo.isEmpty()) {
        LookupEffect e = todo.poll();
        all.add(e);
        LookupStep s = null;
        if (e instanceof SendNodeRequest r) {
          s = l.advance(LookupTest.res(r.to(),
              answers.getOrDefault(r.to(), List.of()).toArray(new KadContact[0])));
        } else if (e instanceof SendDataRequest d) {
          s = l.advance(new PublishAcknowledged(d.to().endpoint(), 0));
        }
        if (s != null) {
          todo.addAll(s.effects());
        }
      }
      t += 2000;
      clock.set(KadFixtures.T0 + t);
      todo.addAll(l.advance(new Tick()).effects());
    }
    return all;
  }

  static List<KadContact> listOf() {
    List<KadContact> seeds = new ArrayList<>(CLOSE);
    seeds.add(MID_SEED);
    seeds.add(FAR_SEED);
    return seeds;
  }

  @Test
  void withoutExplorationTheLookupStopsAndNeverAsksTheFarSeed() {
    Lookup l = new Lookup(LookupType.STOREKEYWORD, TARGET, SELF, serial(0), clock);
    List<LookupEffect> all = run(l, Map.of(FAR_SEED, List.of(HIDDEN)));
    LookupState.Finished f = assertInstanceOf(LookupState.Finished.class, l.state());
    assertEquals(Termination.CONVERGED, f.reason());
    assertFalse(all.contains(new SendNodeRequest(FAR_SEED, 4)), all.toString());
    assertFalse(all.contains(new SendDataRequest(HIDDEN)), all.toString());
    assertEquals("unknown", l.fate(HIDDEN.id()));
    for (KadContact c : CLOSE) {
      assertTrue(all.contains(new SendDataRequest(c)), c + " " + all);
    }
  }

  @Test
  void explorationAsksTheFarSeedAndStoresToTheNodeItNames() {
    Lookup l = new Lookup(LookupType.STOREKEYWORD, TARGET, SELF, serial(2), clock);
    List<LookupEffect> all = run(l, Map.of(FAR_SEED, List.of(HIDDEN)));
    LookupState.Finished f = assertInstanceOf(LookupState.Finished.class, l.state());
    assertEquals(Termination.CONVERGED, f.reason());
    // the far seed is asked with the type's own count, after the close ones, and gets no data
    int farReq = all.indexOf(new SendNodeRequest(FAR_SEED, 4));
    assertTrue(farReq > 0, all.toString());
    for (KadContact c : CLOSE) {
      assertTrue(all.indexOf(new SendNodeRequest(c, 4)) < farReq, c + " " + all);
    }
    assertFalse(all.contains(new SendDataRequest(FAR_SEED)), all.toString());
    // the node it named is asked and stored to, and is the closest completed node
    assertTrue(all.indexOf(new SendNodeRequest(HIDDEN, 4)) > farReq, all.toString());
    assertTrue(all.contains(new SendDataRequest(HIDDEN)), all.toString());
    assertEquals(HIDDEN, f.completedPeers().get(0));
    // only one far seed existed: one exploration REQ, the budget of 2 is not spent elsewhere
    long reqs = all.stream().filter(e -> e instanceof SendNodeRequest).count();
    assertEquals(CLOSE.size() + 2, reqs, all.toString());
    assertEquals("explore-answered/trash", l.fate(FAR_SEED.id()));
    // the seed only twice as far as the worst completed node knows what the close ones know
    assertFalse(all.contains(new SendNodeRequest(MID_SEED, 4)), all.toString());
  }

  @Test
  void farSeedsFromTheRoutingTableAreAskedOnlyByExplorationAndFirst() {
    KadContact farther = peer(0x60);
    KadContact hidden2 = peer(0x0C | 0x01); // distance 13: beyond the worst, never stored to
    // explore 1: the one exploration REQ goes to the far seed, not to the eligible seed 0x40
    Lookup l = new Lookup(LookupType.STOREKEYWORD, TARGET, SELF, serial(1), clock);
    List<LookupEffect> all = run(l, Map.of(farther, List.of(HIDDEN, hidden2)), List.of(farther));
    assertTrue(all.contains(new SendNodeRequest(farther, 4)), all.toString());
    assertFalse(all.contains(new SendNodeRequest(FAR_SEED, 4)), all.toString());
    assertTrue(all.contains(new SendDataRequest(HIDDEN)), all.toString());
    assertFalse(all.contains(new SendDataRequest(hidden2)), all.toString());
    assertFalse(all.contains(new SendDataRequest(farther)), all.toString());

    // without exploration the far seeds are never asked at all
    Lookup quiet = new Lookup(LookupType.STOREKEYWORD, TARGET, SELF, serial(0), clock);
    List<LookupEffect> none = run(quiet, Map.of(farther, List.of(HIDDEN)), List.of(farther));
    assertFalse(none.contains(new SendNodeRequest(farther, 4)), none.toString());
    assertEquals("known", quiet.fate(farther.id()));
  }

  @Test
  void nodeLookupsNeverExplore() {
    Lookup l = new Lookup(LookupType.NODECOMPLETE, TARGET, SELF, serial(3), clock);
    List<LookupEffect> all = run(l, Map.of(FAR_SEED, List.of(HIDDEN)));
    assertInstanceOf(LookupState.Finished.class, l.state());
    assertFalse(all.contains(new SendNodeRequest(FAR_SEED, 11)), all.toString());
  }
}
