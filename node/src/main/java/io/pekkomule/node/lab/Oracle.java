package io.pekkomule.node.lab;

import io.pekkomule.protocol.KadId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The lab's global view: which ids are alive, and which of them are truly closest to a key. */
final class Oracle {
  private Oracle() {}

  /** The {@code k} ids closest to {@code target} among {@code alive}, closest first. */
  static List<KadId> closest(Collection<KadId> alive, KadId target, int k, KadId exclude) {
    Comparator<KadId> far = Comparator.comparing((KadId id) -> id.xor(target)).reversed();
    PriorityQueue<KadId> heap = new PriorityQueue<>(k + 1, far);
    for (KadId id : alive) {
      if (id.equals(exclude)) {
        continue;
      }
      if (heap.size() < k) {
        heap.add(id);
      } else if (id.xor(target).compareTo(heap.peek().xor(target)) < 0) {
        heap.poll();
        heap.add(id);
      }
    }
    List<KadId> out = new ArrayList<>(heap);
    out.sort(Comparator.comparing((KadId id) -> id.xor(target)));
    return out;
  }
}
