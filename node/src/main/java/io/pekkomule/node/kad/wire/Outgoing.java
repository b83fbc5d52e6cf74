package io.pekkomule.node.kad.wire;

import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.KadMessage;
import java.time.Duration;
import java.util.Objects;

/**
 * One message an actor wants sent, before encoding: the dispatcher encodes it with iMule's
 * obfuscation choice, records it for packet tracking, and offers it to the shaper as an intent.
 *
 * @param receiverId the peer's KadID for NodeID-mode obfuscation (requests to peers of version ≥
 *     6), or null: then receiver-key mode when {@code receiverVerifyKey ≠ 0}, else plain
 * @param receiverVerifyKey the sender key that peer gave us (0 when none or not to be used)
 * @param deadline past this age in the shaper the intent is dropped, never sent late
 */
public record Outgoing(
    KadMessage message,
    Endpoint to,
    KadId receiverId,
    long receiverVerifyKey,
    UrgencyClass urgency,
    Origin origin,
    Duration deadline) {

  /** Replies stay well inside the requester's patience (contract: p99 ≤ 10 s, never ≥ 30 s). */
  public static final Duration REPLY_DEADLINE = Duration.ofSeconds(20);
  /** Own interactive requests (lookups a user waits for, handshake steps). */
  public static final Duration INTERACTIVE_DEADLINE = Duration.ofSeconds(20);
  /** Maintenance requests (keep-alive hellos, refresh lookups, bootstrap). */
  public static final Duration ROUTINE_DEADLINE = Duration.ofSeconds(100);

  public Outgoing {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(urgency, "urgency");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(deadline, "deadline");
  }

  /** A response: receiver-key mode with the requester's sender key (plain if it sent none). */
  public static Outgoing reply(KadMessage m, Endpoint to, long requesterKey) {
    return new Outgoing(m, to, null, requesterKey, UrgencyClass.INTERACTIVE, Origin.REPLY,
        REPLY_DEADLINE);
  }

  /**
   * A request to a peer: NodeID mode when its version is ≥ 6 (iMule's rule), carrying the key it
   * gave us when there is one.
   */
  public static Outgoing request(KadMessage m, Endpoint to, KadId peerId, int peerVersion,
      long peerKey, UrgencyClass urgency, Origin origin) {
    Duration deadline =
        urgency == UrgencyClass.INTERACTIVE ? INTERACTIVE_DEADLINE : ROUTINE_DEADLINE;
    return new Outgoing(m, to, peerVersion >= 6 ? peerId : null, peerKey, urgency, origin,
        deadline);
  }

  /** A request that goes out plain (Kad1, legacy challenges, versions below 6). */
  public static Outgoing plain(KadMessage m, Endpoint to, UrgencyClass urgency,
      Origin origin) {
    return request(m, to, null, 0, 0, urgency, origin);
  }
}
