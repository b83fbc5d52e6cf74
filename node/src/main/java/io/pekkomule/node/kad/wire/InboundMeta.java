package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.crypto.Obfuscation;

/**
 * What the layers below the message said about one received datagram (spec §4.3, §5.3).
 *
 * @param validReceiverKey the sender echoed the verify key we issue to its destination
 * @param senderVerifyKey the sender's key for us: replies to it travel receiver-key encrypted
 *     with it (0 when the datagram came plain)
 */
public record InboundMeta(
    boolean validReceiverKey, long senderVerifyKey, Obfuscation.Mode obfuscation) {
  public static final InboundMeta PLAIN = new InboundMeta(false, 0, Obfuscation.Mode.PLAIN);
}
