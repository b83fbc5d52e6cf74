/**
 * The {@code pekko-mule} command line (picocli). {@link io.pekkomule.node.cli.Cli} is the
 * registration point for top-level commands; commands only parse arguments and print, the work is
 * done by {@code protocol} and the node's subsystems.
 */
package io.pekkomule.node.cli;
