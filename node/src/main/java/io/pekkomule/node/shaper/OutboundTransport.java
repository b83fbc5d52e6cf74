package io.pekkomule.node.shaper;

import io.pekkomule.protocol.endpoint.Endpoint;

/**
 * The wire (an I2P datagram session, or memory in tests). Its only sending method is {@code
 * protected}: outside this package nothing but the implementing class itself can call it, and the
 * only caller in this package is the shaper graph's sink. The transport instance is handed to
 * {@link Shaper#builder} and to nobody else. See docs/shaper.md, "No bypass".
 */
public abstract class OutboundTransport {
  /** Puts one datagram on the wire. Called only by the shaper's sink, on the graph's thread. */
  protected abstract void transmit(Endpoint destination, byte[] datagram);
}
