package io.pekkomule.node.kad.lookup;

import static io.pekkomule.node.kad.KadFixtures.T0;
import static io.pekkomule.node.kad.KadFixtures.contact;
import static io.pekkomule.node.kad.KadFixtures.ep;
import static io.pekkomule.node.kad.KadFixtures.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pekkomule.node.kad.KadFixtures.FakeClock;
import io.pekkomule.node.kad.lookup.LookupEffect.AnswerIgnored;
import io.pekkomule.node.kad.lookup.LookupEffect.IgnoreReason;
import io.pekkomule.node.kad.lookup.LookupEffect.PeerUnresponsive;
import io.pekkomule.node.kad.lookup.LookupEffect.SendDataRequest;
import io.pekkomule.node.kad.lookup.LookupEffect.SendNodeRequest;
import io.pekkomule.node.kad.lookup.LookupEvent.Cancel;
import io.pekkomule.node.kad.lookup.LookupEvent.NodesReceived;
import io.pekkomule.node.kad.lookup.LookupEvent.PublishAcknowledged;
import io.pekkomule.node.kad.lookup.LookupEvent.SearchResultsReceived;
import io.pekkomule.node.kad.lookup.LookupEvent.Start;
import io.pekkomule.node.kad.lookup.LookupEvent.Tick;
import io.pekkomule.node.kad.lookup.LookupState.Finished;
import io.pekkomule.node.kad.lookup.LookupState.Running;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-built lookups in an 8-bit key space: target 0x80, so a peer with first byte 0x80^d sits at
 * distance d. Every step asserts the exact effects.
 */
class LookupTest {
  static final KadId TARGET = id(0x80);
  static final KadContact SELF = new KadContact(8, id(0x00), ep(999)); // distance 0x80
  static final KadContact A = peer(0x01);
  static final KadContact B = peer(0x04);
  static final KadContact E = peer(0x08);
  static final KadContact C = peer(0x10);
  static final KadContact F = peer(0x20);
  static final KadContact D = peer(0x40);
  static final Tick TICK = new Tick();

  final FakeClock clock = new FakeClock();

  /** A version-8 peer at XOR distance {@code d} from the target. */
  static KadContact peer(int d) {
    return contact(0x80 ^ d);
  }

  Lookup lookup(LookupType type, LookupConfig config) {
    return new Lookup(type, TARGET, SELF, config, clock);
  }

  LookupStep at(Lookup l, long millis, LookupEvent e) {
    clock.set(T0 + millis);
    return l.advance(e);
  }

  static NodesReceived res(KadContact from, KadContact... contacts) {
    return new NodesReceived(from.endpoint(), List.of(contacts));
  }

  static SendNodeRequest req(KadContact to, int count) {
    return new SendNodeRequest(to, count);
  }

  @Test
  void nodeLookupConvergesAfterTheFirstAnswer() {
    Lookup l = lookup(LookupType.NODE, LookupConfig.IMULE);
    LookupStep s = at(l, 0, new Start(List.of(C, A, B)));
    assertEquals(new LookupStep(new Running(0, 1, 3, 0, 0), List.of()), s);

    assertEquals(List.of(), at(l, 500, TICK).effects(), "activity within the last second");
    s = at(l, 2000, TICK);
    assertEquals(new LookupStep(new Running(1, 1, 2, 0, 0), List.of(req(A, 11))), s);

    s = at(l, 3000, res(A, E));
    assertEquals(new LookupStep(new Running(0, 1, 2, 1, 1), List.of()), s);
    assertEquals(new Running(0, 1, 2, 1, 1), at(l, 3500, TICK).state(), "quiet");

    s = at(l, 5000, TICK);
    assertEquals(new LookupStep(
        new Finished(Termination.CONVERGED, 1, 1, List.of(A), -1), List.of()), s);

    assertEquals(List.of(new AnswerIgnored(B.endpoint(), IgnoreReason.FINISHED)),
        at(l, 6000, res(B)).effects());
    assertEquals(s, at(l, 7000, TICK));
  }

  @Test
  void nodeCompleteAsksEveryNewContactAndStarvesWhenNoneIsLeft() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    at(l, 0, new Start(List.of(A, C)));
    assertEquals(List.of(req(A, 11)), at(l, 2000, TICK).effects());
    // C already known, ourselves and the sender skipped
    assertEquals(List.of(), at(l, 3000, res(A, B, C, SELF, A)).effects());
    assertEquals(List.of(B, C), l.askForContacts());
    assertEquals(List.of(req(B, 11)), at(l, 4000, TICK).effects());
    at(l, 5000, res(B));
    assertEquals(List.of(req(C, 11)), at(l, 6000, TICK).effects());
    KadContact dTwin = new KadContact(8, id(0xC1), D.endpoint());
    at(l, 7000, res(C, D, dTwin)); // one id per destination hash in an answer
    assertEquals(List.of(D), l.askForContacts());
    assertEquals(List.of(req(D, 11)), at(l, 8000, TICK).effects());
    at(l, 9000, res(D));

    LookupStep s = at(l, 10_000, TICK);
    assertEquals(new LookupStep(
        new Finished(Termination.STARVED, 4, 4, List.of(A, B, C, D), -1), List.of()), s);
  }

  @Test
  void nodeCompleteConvergesWithTenCompletionsAndNoCloserCandidate() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    List<KadContact> seeds = new ArrayList<>();
    for (int d = 2; d <= 12; d++) {
      seeds.add(peer(d));
    }
    at(l, 0, new Start(seeds));
    long t = 0;
    for (int d = 2; d <= 11; d++) {
      t += 2000;
      assertEquals(List.of(req(peer(d), 11)), at(l, t, TICK).effects());
      at(l, t + 500, res(peer(d)));
    }
    LookupStep s = at(l, t + 2000, TICK);
    assertEquals(new Finished(Termination.CONVERGED, 10, 10, seeds.subList(0, 10), -1),
        s.state());
    assertEquals(List.of(), s.effects());
  }

  @Test
  void aCloserCandidateKeepsAFullNodeCompleteLookupGoing() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    List<KadContact> seeds = new ArrayList<>();
    for (int d = 2; d <= 11; d++) {
      seeds.add(peer(d));
    }
    at(l, 0, new Start(seeds));
    long t = 0;
    for (int d = 2; d <= 11; d++) {
      t += 2000;
      assertEquals(List.of(req(peer(d), 11)), at(l, t, TICK).effects());
      if (d == 11) {
        at(l, t + 500, res(peer(d), peer(1)));
      } else {
        at(l, t + 500, res(peer(d)));
      }
    }
    t += 2000;
    assertEquals(List.of(req(peer(1), 11)), at(l, t, TICK).effects(),
        "10 completions, but peer 1 is closer than the worst completed");
    at(l, t + 500, res(peer(1)));
    LookupStep s = at(l, t + 2000, TICK);
    List<KadContact> best = new ArrayList<>();
    for (int d = 1; d <= 10; d++) {
      best.add(peer(d));
    }
    assertEquals(new Finished(Termination.CONVERGED, 11, 11, best, -1), s.state());
    assertEquals(List.of(peer(11)), l.trashed(), "trimmed from the completed list");
  }

  @Test
  void silentPeersTimeOutAfterTheIdleLifetime() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    at(l, 0, new Start(List.of(A)));
    assertEquals(List.of(req(A, 11)), at(l, 2000, TICK).effects());
    assertEquals(new LookupStep(new Running(1, 2, 0, 0, 0), List.of()), at(l, 4000, TICK));
    assertEquals(new LookupStep(new Running(0, 1, 0, 0, 0), List.of(new PeerUnresponsive(A))),
        at(l, 32_000, TICK));
    assertEquals(new Running(0, 1, 0, 0, 0), at(l, 62_000, TICK).state(),
        "exactly the 60 s lifetime is not past it");
    assertEquals(new LookupStep(
            new Finished(Termination.TIMED_OUT, 0, 0, List.of(), -1), List.of()),
        at(l, 62_001, TICK));
  }

  @Test
  void imulePaceIsOneRequestPerStepAndLateAnswersStillCount() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    at(l, 0, new Start(List.of(A, B, E, C)));
    assertEquals(List.of(req(A, 11)), at(l, 2000, TICK).effects());
    assertEquals(List.of(req(B, 11)), at(l, 4000, TICK).effects(), "A past its soft timeout");
    assertEquals(List.of(), at(l, 5000, TICK).effects(), "B only 1 s old");
    assertEquals(List.of(req(E, 11)), at(l, 6000, TICK).effects());
    assertEquals(List.of(req(C, 11)), at(l, 8000, TICK).effects());
    assertEquals(List.of(new PeerUnresponsive(A)), at(l, 32_000, TICK).effects());

    assertEquals(List.of(), at(l, 40_000, res(A)).effects(), "a late answer is taken");
    assertEquals(new Running(0, 1, 0, 1, 1), l.state());
  }

  @Test
  void cancelFinishesAtOnce() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    at(l, 0, new Start(List.of(A)));
    at(l, 2000, TICK);
    LookupStep s = at(l, 2500, new Cancel());
    Finished cancelled = new Finished(Termination.CANCELLED, 0, 0, List.of(), -1);
    assertEquals(new LookupStep(cancelled, List.of()), s);
    assertEquals(new LookupStep(cancelled, List.of()), at(l, 4000, TICK));
  }

  @Test
  void answersFromUnchargedSendersAreIgnored() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    at(l, 0, new Start(List.of(A, B)));
    assertEquals(List.of(req(A, 11)), at(l, 2000, TICK).effects());

    assertEquals(List.of(new AnswerIgnored(B.endpoint(), IgnoreReason.UNCHARGED)),
        at(l, 2500, res(B, C)).effects(), "B was not asked yet");
    NodesReceived fromHashTwin = new NodesReceived(ep(A.endpoint().verifyKeyInput(), 9), List.of(C));
    assertEquals(List.of(new AnswerIgnored(fromHashTwin.from(), IgnoreReason.UNCHARGED)),
        at(l, 2600, fromHashTwin).effects(), "matched by full destination, not by hash");
    assertEquals(List.of(B), l.askForContacts());
    assertEquals(new Running(1, 1, 1, 0, 0), l.state());
  }

  @Test
  void aSenderReturningMoreThanRequestedIsTrashed() {
    Lookup l = lookup(LookupType.NODECOMPLETE, LookupConfig.IMULE);
    at(l, 0, new Start(List.of(A, B)));
    at(l, 2000, TICK);
    KadContact[] twelve = new KadContact[12];
    for (int i = 0; i < 12; i++) {
      twelve[i] = peer(0x50 + i);
    }
    assertEquals(List.of(new AnswerIgnored(A.endpoint(), IgnoreReason.OVER_COUNT)),
        at(l, 3000, res(A, twelve)).effects());
    assertEquals(List.of(A), l.trashed());
    assertEquals(List.of(), l.charged());
    assertEquals(List.of(B), l.askForContacts());

    assertEquals(List.of(req(B, 11)), at(l, 4000, TICK).effects());
    assertEquals(List.of(new AnswerIgnored(A.endpoint(), IgnoreReason.UNCHARGED)),
        at(l, 4500, res(A)).effects());
    KadContact[] eleven = java.util.Arrays.copyOf(twelve, 11);
    assertEquals(List.of(), at(l, 5000, res(B, eleven)).effects(), "exactly 11 is fine");
    assertEquals(11, l.askForContacts().size());
  }

  @Test
  void alphaThreeWidensByOneForEachRequestPastItsSoftTimeout() {
    LookupConfig cfg = new LookupConfig(3, Duration.ofSeconds(5), Duration.ofSeconds(20), 15,
        Duration.ofSeconds(1));
    Lookup l = lookup(LookupType.NODECOMPLETE, cfg);
    at(l, 0, new Start(List.of(D, C, F, E, B, A)));
    assertEquals(new LookupStep(new Running(3, 3, 3, 0, 0),
        List.of(req(A, 11), req(B, 11), req(E, 11))), at(l, 2000, TICK));
    at(l, 3000, res(A));
    assertEquals(new Running(1, 3, 3, 2, 2), at(l, 3000, res(B)).state());
    assertEquals(new LookupStep(new Running(3, 3, 1, 2, 2), List.of(req(C, 11), req(F, 11))),
        at(l, 4000, TICK));
    assertEquals(List.of(), at(l, 6999, TICK).effects(), "E not yet past 5 s");
    assertEquals(new LookupStep(new Running(4, 4, 0, 2, 2), List.of(req(D, 11))),
        at(l, 7000, TICK), "E soft-timed-out: one more request, E still awaited");
    assertEquals(new LookupStep(new Running(4, 6, 0, 2, 2), List.of()), at(l, 9000, TICK));
    assertEquals(List.of(new PeerUnresponsive(E)), at(l, 22_000, TICK).effects());
    assertEquals(List.of(), at(l, 22_500, res(E)).effects(), "E's late answer still counts");
    assertEquals(3, ((Running) l.state()).completed());
  }

  @Test
  void wideningNeverExceedsMaxInFlight() {
    LookupConfig cfg = new LookupConfig(2, Duration.ofSeconds(5), Duration.ofSeconds(60), 2,
        Duration.ofSeconds(1));
    Lookup l = lookup(LookupType.NODECOMPLETE, cfg);
    at(l, 0, new Start(List.of(A, B, C)));
    assertEquals(List.of(req(A, 11), req(B, 11)), at(l, 2000, TICK).effects());
    assertEquals(List.of(), at(l, 10_000, TICK).effects());
    assertEquals(new Running(2, 2, 1, 0, 0), l.state());
  }

  @Test
  void fileLookupAsksItselfThenSendsDataRequestsToNodesThatAnswered() {
    Lookup l = lookup(LookupType.FILE, LookupConfig.IMULE);
    assertEquals(new LookupStep(new Running(1, 1, 2, 0, 0), List.of(new SendDataRequest(SELF))),
        at(l, 0, new Start(List.of(A, B))));
    assertEquals(List.of(req(A, 2)), at(l, 2000, TICK).effects());
    at(l, 3000, res(A, C));
    assertEquals(List.of(A), l.askForData());
    assertEquals(List.of(new SendDataRequest(A)), at(l, 4000, TICK).effects(),
        "A (distance 1) is closer than B (4): data before contacts");

    assertEquals(List.of(new AnswerIgnored(A.endpoint(), IgnoreReason.WRONG_KIND)),
        at(l, 4500, res(A)).effects());
    at(l, 5000, new SearchResultsReceived(A.endpoint(), 5, 3));
    at(l, 5500, new SearchResultsReceived(A.endpoint(), 2, 2));
    assertEquals(new Running(1, 2, 2, 5, 2), l.state(), "multi-packet answer, A still charged");
    assertEquals(List.of(A, SELF), l.charged());
    at(l, 6000, new SearchResultsReceived(SELF.endpoint(), 0, 0));
    assertEquals(List.of(new AnswerIgnored(A.endpoint(), IgnoreReason.WRONG_KIND)),
        at(l, 6100, new PublishAcknowledged(A.endpoint(), 10)).effects());
    assertEquals(List.of(req(B, 2)), at(l, 8000, TICK).effects());
  }

  @Test
  void storeLookupPublishesToAnsweringNodesAndAveragesTheirLoad() {
    Lookup l = lookup(LookupType.STOREKEYWORD, LookupConfig.IMULE);
    assertEquals(List.of(new SendDataRequest(SELF)), at(l, 0, new Start(List.of(A))).effects());
    assertEquals(List.of(req(A, 4)), at(l, 2000, TICK).effects());
    at(l, 3000, res(A));
    assertEquals(List.of(new SendDataRequest(A)), at(l, 4000, TICK).effects());
    at(l, 5000, new PublishAcknowledged(A.endpoint(), 30));
    at(l, 5100, new PublishAcknowledged(SELF.endpoint(), -1));
    assertEquals(new Finished(Termination.STARVED, 2, 2, List.of(A, SELF), 30),
        at(l, 7000, TICK).state());
  }

  @Test
  void startIsOnceAndTicksBeforeItDoNothing() {
    Lookup l = lookup(LookupType.NODE, LookupConfig.IMULE);
    assertEquals(new LookupStep(new LookupState.NotStarted(), List.of()), at(l, 0, TICK));
    at(l, 0, new Start(List.of()));
    assertThrows(IllegalStateException.class, () -> l.advance(new Start(List.of())));
    assertEquals(new Finished(Termination.STARVED, 0, 0, List.of(), -1),
        at(l, 2000, TICK).state(), "no seeds at all");
  }

  @Test
  void typeParametersFollowImule() {
    assertEquals(List.of(11, 11, 2, 2, 2, 4, 4, 4),
        java.util.Arrays.stream(LookupType.values()).map(LookupType::requestCount).toList());
    assertEquals(List.of(1, 10, 300, 300, 50, 10, 10, 10),
        java.util.Arrays.stream(LookupType.values()).map(LookupType::maxAnswers).toList());
    assertEquals(List.of(1, 10, 10, 10, 10, 10, 10, 10),
        java.util.Arrays.stream(LookupType.values()).map(LookupType::completedMax).toList());
    assertEquals(Duration.ofSeconds(60), LookupType.NODECOMPLETE.lifetime());
    assertEquals(Duration.ofSeconds(120), LookupType.KEYWORD.lifetime());
    assertThrows(IllegalArgumentException.class, () -> LookupConfig.parallel(4));
  }
}
