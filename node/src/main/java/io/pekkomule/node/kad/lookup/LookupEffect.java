package io.pekkomule.node.kad.lookup;

import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.endpoint.Endpoint;

/** Outputs of {@link Lookup#advance}: packets to send and things worth recording. */
public sealed interface LookupEffect {

  /** Send a REQ (Kad2 for version ≥ 2, else Kad1) asking for {@code count} contacts. */
  record SendNodeRequest(KadContact to, int count) implements LookupEffect {}

  /** Send the type's data request (SEARCH_*_REQ or PUBLISH_*_REQ); may be addressed to ourselves. */
  record SendDataRequest(KadContact to) implements LookupEffect {}

  /** The hard timeout of a request passed: the peer did not answer in time. */
  record PeerUnresponsive(KadContact peer) implements LookupEffect {}

  /** An answer was not used. */
  record AnswerIgnored(Endpoint from, IgnoreReason reason) implements LookupEffect {}

  /** Why an answer was not used. */
  enum IgnoreReason {
    /** The sender has no request outstanding with this lookup. */
    UNCHARGED,
    /** The answer does not match the outstanding request (e.g. a RES to a data request). */
    WRONG_KIND,
    /** More contacts than requested: likely malicious, the sender is trashed. */
    OVER_COUNT,
    /** The lookup already finished. */
    FINISHED
  }
}
