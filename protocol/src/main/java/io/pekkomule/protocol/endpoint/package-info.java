/**
 * Address-family-neutral endpoints: {@link io.pekkomule.protocol.endpoint.Endpoint} is an I2P
 * destination (iMule overlay) or an IPv4 address with UDP port (aMule "kad4" overlay), with the
 * per-family keys the routing rules need (address key, subnet key, verify-key input).
 */
package io.pekkomule.protocol.endpoint;
