package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * One canonical {@link Endpoint} instance per distinct endpoint in the JVM, held weakly. An I2P
 * destination is 387 bytes and every packet that names a contact decodes a fresh copy; the routing
 * table keeps the canonical one, so a node (and a lab of thousands of nodes in one JVM) stores each
 * endpoint once. Equal in value to what goes in: nothing observable changes.
 */
public final class Destinations {
  private static final WeakHashMap<Endpoint, WeakReference<Endpoint>> CANON = new WeakHashMap<>();

  private static final WeakHashMap<KadId, WeakReference<KadId>> IDS = new WeakHashMap<>();

  private Destinations() {}

  /**
   * One canonical {@link KadId} instance per distinct id, held weakly, for the same reason: in a
   * lab every node's id sits in hundreds of other nodes' routing tables. Equal in value.
   */
  public static KadId intern(KadId id) {
    synchronized (IDS) {
      WeakReference<KadId> ref = IDS.get(id);
      KadId c = ref == null ? null : ref.get();
      if (c == null) {
        IDS.put(id, new WeakReference<>(id));
        return id;
      }
      return c;
    }
  }

  public static Endpoint intern(Endpoint d) {
    synchronized (CANON) {
      WeakReference<Endpoint> ref = CANON.get(d);
      Endpoint c = ref == null ? null : ref.get();
      if (c == null) {
        CANON.put(d, new WeakReference<>(d));
        return d;
      }
      return c;
    }
  }
}
