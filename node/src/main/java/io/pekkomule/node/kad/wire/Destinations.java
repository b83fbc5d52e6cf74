package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.I2pDestination;
import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * One canonical {@link I2pDestination} instance per distinct destination in the JVM, held
 * weakly. A destination is 387 bytes and every packet that names a contact decodes a fresh copy;
 * the routing table keeps the canonical one, so a node (and a lab of thousands of nodes in one
 * JVM) stores each destination once. Equal in value to what goes in: nothing observable changes.
 */
public final class Destinations {
  private static final WeakHashMap<I2pDestination, WeakReference<I2pDestination>> CANON =
      new WeakHashMap<>();

  private Destinations() {}

  public static I2pDestination intern(I2pDestination d) {
    synchronized (CANON) {
      WeakReference<I2pDestination> ref = CANON.get(d);
      I2pDestination c = ref == null ? null : ref.get();
      if (c == null) {
        CANON.put(d, new WeakReference<>(d));
        return d;
      }
      return c;
    }
  }
}
