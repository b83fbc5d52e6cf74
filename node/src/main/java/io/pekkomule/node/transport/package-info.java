/**
 * How datagrams reach I2P: the {@link io.pekkomule.node.transport.DatagramTransport} seam, its
 * SAM implementation ({@code sam}), an in-memory one for tests, the metrics every transport
 * reports, and the thin actor in front of them.
 */
package io.pekkomule.node.transport;
