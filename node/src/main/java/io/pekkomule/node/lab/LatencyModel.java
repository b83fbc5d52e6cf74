package io.pekkomule.node.lab;

import java.util.random.RandomGenerator;

/**
 * One-way datagram latency through I2P as the lab draws it: each node has an outbound and an
 * inbound tunnel delay (log-normal, fixed for the node's life, as its tunnels are), a per-packet
 * log-normal jitter, and a heavy tail (a small share of packets gets an extra Pareto delay), all
 * capped. Defaults give a median of about 1.2 s one way and a p99 of several seconds.
 *
 * @param tunnelMedianSeconds median of each node's one-direction tunnel delay
 * @param tunnelSigma log-normal sigma of the tunnel delays across nodes
 * @param jitterMedianSeconds median per-packet extra delay
 * @param jitterSigma log-normal sigma of the per-packet delay
 * @param tailShare share of packets with an extra Pareto delay
 * @param tailScaleSeconds Pareto scale (minimum) of that extra delay
 * @param tailAlpha Pareto shape (smaller = heavier)
 * @param capSeconds no packet takes longer than this
 */
public record LatencyModel(
    double tunnelMedianSeconds,
    double tunnelSigma,
    double jitterMedianSeconds,
    double jitterSigma,
    double tailShare,
    double tailScaleSeconds,
    double tailAlpha,
    double capSeconds) {

  public static final LatencyModel I2P = new LatencyModel(0.4, 0.5, 0.3, 0.8, 0.03, 1.0, 1.3, 30);

  /** A node's tunnel delay for one direction, drawn once per node. */
  public double tunnelSeconds(RandomGenerator rnd) {
    return logNormal(rnd, tunnelMedianSeconds, tunnelSigma);
  }

  /** One packet's latency from a node with outbound delay {@code out} to one with inbound {@code in}. */
  public long packetNanos(double out, double in, RandomGenerator rnd) {
    double s = out + in + logNormal(rnd, jitterMedianSeconds, jitterSigma);
    if (rnd.nextDouble() < tailShare) {
      s += tailScaleSeconds / Math.pow(1 - rnd.nextDouble(), 1 / tailAlpha);
    }
    return (long) (Math.min(s, capSeconds) * 1e9);
  }

  private static double logNormal(RandomGenerator rnd, double median, double sigma) {
    return median * Math.exp(sigma * rnd.nextGaussian());
  }
}
