package io.pekkomule.node.kad.routing;

import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.SubnetKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Network-diversity admission (seed 004; aMule's {@code CRoutingBin} limits as the kad4 policy):
 * at most {@code perBin} contacts of one subnet in a routing bin and {@code total} in the whole
 * table. The one-contact-per-address rule is the table's own ({@code Endpoint.addressKey()}).
 * Subnets are per address family ({@link Endpoint#subnetKey()}: IPv4 /24; endpoints without a
 * subnet, such as I2P destinations, are never limited). Pure: the counts live in {@link Counts},
 * which the table keeps in step with its bins.
 *
 * @param perBin contacts of one subnet a bin may hold (aMule: 2)
 * @param total contacts of one subnet the table may hold (aMule: 10)
 */
public record SubnetPolicy(int perBin, int total) {
  /** No subnet limit (iMule over I2P: destinations have no subnet). */
  public static final SubnetPolicy NONE = new SubnetPolicy(Integer.MAX_VALUE, Integer.MAX_VALUE);
  /** aMule: ≤ 2 per /24 in a bin, ≤ 10 per /24 in the table. */
  public static final SubnetPolicy AMULE = new SubnetPolicy(2, 10);

  public SubnetPolicy {
    if (perBin < 1 || total < perBin) {
      throw new IllegalArgumentException("need 1 <= perBin <= total");
    }
  }

  /**
   * Whether a contact at {@code e} may join a bin that already holds {@code inBin} contacts of its
   * subnet while the table holds {@code counts}.
   */
  public boolean admits(Endpoint e, int inBin, Counts counts) {
    Optional<SubnetKey> s = e.subnetKey();
    if (s.isEmpty()) {
      return true;
    }
    return inBin < perBin && counts.count(s.get()) < total;
  }

  /** Contacts of {@code e}'s subnet among {@code members} (0 for an endpoint without a subnet). */
  public static int sameSubnet(Endpoint e, Iterable<? extends Endpoint> members) {
    Optional<SubnetKey> s = e.subnetKey();
    if (s.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (Endpoint m : members) {
      if (m.subnetKey().equals(s)) {
        n++;
      }
    }
    return n;
  }

  /** How many table contacts each subnet holds. */
  public static final class Counts {
    private final Map<SubnetKey, Integer> bySubnet = new HashMap<>();

    public int count(SubnetKey s) {
      return bySubnet.getOrDefault(s, 0);
    }

    public void add(Endpoint e) {
      e.subnetKey().ifPresent(s -> bySubnet.merge(s, 1, Integer::sum));
    }

    public void remove(Endpoint e) {
      e.subnetKey().ifPresent(s -> bySubnet.computeIfPresent(s, (k, v) -> v == 1 ? null : v - 1));
    }

    /** Subnets with at least one contact. */
    public int subnets() {
      return bySubnet.size();
    }
  }
}
