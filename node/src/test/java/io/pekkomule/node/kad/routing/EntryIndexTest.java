package io.pekkomule.node.kad.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pekkomule.node.kad.KadFixtures;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.endpoint.AddressFamily;
import io.pekkomule.protocol.endpoint.AddressKey;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-addressing indexes behave like the HashMaps they replace, deletions included. */
class EntryIndexTest {

  private static Entry entry(KadId id) {
    return new Entry(id, KadFixtures.ep(1), 8, UdpKey.EMPTY, false, false, 0);
  }

  /** An entry whose endpoint has this address key (the index's invariant). */
  private static Entry entry(KadId id, AddressKey key) {
    Endpoint ep = key.family() == AddressFamily.I2P ? KadFixtures.ep((int) key.value())
        : new Ipv4UdpEndpoint((int) key.value(), 4672, OptionalInt.empty());
    Entry e = new Entry(id, ep, 8, UdpKey.EMPTY, false, false, 0);
    assertEquals(key, e.hash());
    return e;
  }

  @Test
  void byIdMatchesAHashMapUnderRandomPutsAndRemoves() {
    SplittableRandom r = new SplittableRandom(3);
    EntryIndex.ById index = new EntryIndex.ById();
    Map<KadId, Entry> model = new HashMap<>();
    List<KadId> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // few distinct high words: many colliding probe chains
      ids.add(new KadId(r.nextInt(4), r.nextLong()));
    }
    for (int step = 0; step < 20_000; step++) {
      KadId id = ids.get(r.nextInt(ids.size()));
      if (r.nextInt(3) == 0) {
        assertSame(model.remove(id), index.remove(id));
      } else {
        Entry e = entry(id);
        model.put(id, e);
        index.put(e);
      }
      assertEquals(model.size(), index.size());
      KadId probe = ids.get(r.nextInt(ids.size()));
      assertSame(model.get(probe), index.get(probe));
    }
    for (KadId id : ids) {
      assertSame(model.get(id), index.get(id));
    }
    assertEquals(new HashSet<>(model.values()), new HashSet<>(index.values()));
  }

  @Test
  void byAddressMatchesAHashMapAndRemovesOnlyTheGivenEntry() {
    SplittableRandom r = new SplittableRandom(4);
    EntryIndex.ByAddress index = new EntryIndex.ByAddress();
    Map<AddressKey, Entry> model = new HashMap<>();
    List<AddressKey> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      AddressFamily f = AddressFamily.values()[r.nextInt(AddressFamily.values().length)];
      long v = r.nextLong(1, 0x1_0000_0000L);
      keys.add(new AddressKey(f, v));
      // the same value in the other family is another key
      keys.add(new AddressKey(f == AddressFamily.I2P ? AddressFamily.IPV4 : AddressFamily.I2P, v));
    }
    for (int step = 0; step < 20_000; step++) {
      AddressKey k = keys.get(r.nextInt(keys.size()));
      int op = r.nextInt(4);
      if (op == 0) {
        model.remove(k);
        index.remove(k);
      } else if (op == 1) {
        Entry other = entry(KadId.ZERO, k);
        model.remove(k, other);
        index.remove(k, other); // not the mapped entry: nothing happens
      } else {
        Entry e = entry(new KadId(step, step), k);
        model.put(k, e);
        index.put(k, e);
      }
      assertEquals(model.size(), index.size());
      AddressKey probe = keys.get(r.nextInt(keys.size()));
      assertSame(model.get(probe), index.get(probe));
      assertEquals(model.containsKey(probe), index.containsKey(probe));
    }
  }
}
