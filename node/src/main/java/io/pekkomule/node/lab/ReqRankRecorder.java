package io.pekkomule.node.lab;

import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.Kad2Req;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a patient receiver of data-lookup requests can measure about a sender (the exploration
 * harness, docs/contract.md "H10"): for every KADEMLIA2_REQ a lab node sends with a search (2) or
 * store (4) count, the receiver's rank among the live nodes by XOR distance to the request's
 * target (0 = the closest node to the key). A receiver knows roughly where it stands to a key (its
 * own routing table tells it how crowded that region is), so the distribution of these ranks over
 * a sender's requests is visible to a set of colluding receivers; the harness compares ours
 * against iMule's serial search on the same lab network.
 *
 * <p>The recorder opens each REQ with the receiver's codec, as the receiver would ({@link
 * ReqOpener}). Called on the
 * lab loop's one thread (virtual time); the rank is exact (one pass over the live ids).
 */
public final class ReqRankRecorder {

  /** One data REQ: the count byte it carried and the receiver's rank to its target. */
  public record Req(int count, int rank, int sender) {}

  private final long start;
  private final ReqOpener opener = new ReqOpener(0x48_10L);
  private final Map<Endpoint, KadId> ids = new HashMap<>();
  private final Map<Endpoint, Integer> serials = new HashMap<>();
  private final List<Req> reqs = new ArrayList<>();

  /** @param startNanos requests sent before this (the warm-up) are not kept */
  public ReqRankRecorder(long startNanos) {
    this.start = startNanos;
  }

  /** A node joined. */
  public void joined(KadIdentity identity) {
    Endpoint e = identity.endpoint();
    opener.joined(identity);
    ids.put(e, identity.id());
    serials.put(e, serials.size());
  }

  /**
   * {@code from} sent {@code datagram} to {@code to} at {@code nanos}; {@code alive} are the ids
   * of the live nodes at that moment.
   */
  public void sent(Endpoint from, Endpoint to, int opcode, byte[] datagram, long nanos,
      Collection<KadId> alive) {
    if (opcode != 0x11 || nanos < start) {
      return;
    }
    KadId receiver = ids.get(to);
    Kad2Req r = receiver == null ? null : opener.open(from, to, datagram);
    if (r == null) {
      return;
    }
    int count = r.count() & 0x1F;
    if (count != Kad2Req.FIND_VALUE && count != Kad2Req.STORE) {
      return;
    }
    reqs.add(new Req(count, rank(receiver, r.target(), ids.get(from), alive),
        serials.getOrDefault(from, -1)));
  }

  /** Live nodes (the sender excepted) closer to {@code target} than {@code receiver}. */
  static int rank(KadId receiver, KadId target, KadId sender, Collection<KadId> alive) {
    KadId d = receiver.xor(target);
    int rank = 0;
    for (KadId id : alive) {
      if (!id.equals(sender) && !id.equals(receiver) && id.xor(target).compareTo(d) < 0) {
        rank++;
      }
    }
    return rank;
  }

  public List<Req> reqs() {
    return List.copyOf(reqs);
  }

  /** REQs the recorder could not open (should stay 0). */
  public long undecoded() {
    return opener.undecoded();
  }
}
