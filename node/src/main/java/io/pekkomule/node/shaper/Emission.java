package io.pekkomule.node.shaper;

/**
 * One datagram leaving the shaper, with the timing record the contract harnesses read.
 *
 * @param seq processing order (order of acceptance into the shaper)
 * @param enqueuedNanos when the shaper accepted the intent
 * @param scheduledNanos when it was due to leave (drawn delay, cap release or slot)
 * @param emittedNanos when it left
 * @param deferrals how often a cap held it back
 * @param cover whether the shaper's cover policy created it
 */
public record Emission(
    OutboundIntent intent,
    long seq,
    long enqueuedNanos,
    long scheduledNanos,
    long emittedNanos,
    int deferrals,
    boolean cover) {

  public long delayNanos() {
    return emittedNanos - enqueuedNanos;
  }

  public long latenessNanos() {
    return emittedNanos - scheduledNanos;
  }
}
