/**
 * A SAM v3 client for repliable datagrams (i2pd 2.45+ and Java I2P): strict reply parsing,
 * DSA_SHA1 destinations, datagrams over SAM UDP forwarding or iMule's control socket, reconnects
 * with the same destination. Plain threads and blocking sockets, no Pekko.
 */
package io.pekkomule.node.transport.sam;
