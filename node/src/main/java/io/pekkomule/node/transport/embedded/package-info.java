/**
 * The {@code embedded} transport: a Java I2P router inside the JVM ({@code net.i2p:router}) and
 * repliable datagrams over its in-JVM I2CP connection (docs/transport.md).
 */
package io.pekkomule.node.transport.embedded;
