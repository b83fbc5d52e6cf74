package io.pekkomule.node.lab;

import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.msg.Kad2Req;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What harness H8 (participation symmetry) observes: every datagram a lab node sends, summarized
 * per node and per window into the features an observer of its outbound traffic has — volume
 * (datagrams, bytes, distinct destinations), opcode mix and the count byte of its REQs (what a
 * peer receiving them reads; the recorder opens each REQ with the receiver's codec). Labels
 * (client or router) are the hidden truth the classifier must not recover.
 *
 * <p>Only windows the node lived through entirely are kept; seed nodes are left out (their
 * bootstrap service is a role of its own). Called on the lab loop's one thread (virtual time).
 */
public final class ParticipationRecorder {

  /** Feature names, in the order of {@link Window#features()}. */
  public static final List<String> FEATURES;

  /** Opcode groups: name and the iMule opcodes in it. */
  private static final String[] GROUPS = {"hello", "req", "res", "search_key", "search_source",
      "search_notes", "search_res", "publish_key", "publish_source", "publish_notes",
      "publish_res", "ping", "bootstrap", "other"};

  private static int group(int opcode) {
    return switch (opcode) {
      case 0x0F, 0x10, 0x12, 0x03, 0x04 -> 0;
      case 0x11, 0x05 -> 1;
      case 0x13, 0x06 -> 2;
      case 0x14, 0x07 -> 3;
      case 0x15 -> 4;
      case 0x16, 0x09 -> 5;
      case 0x17, 0x08 -> 6;
      case 0x18, 0x0A -> 7;
      case 0x19 -> 8;
      case 0x1A, 0x0C -> 9;
      case 0x1B, 0x0B -> 10;
      case 0x1E, 0x1F -> 11;
      case 0x0D, 0x0E, 0x01, 0x02 -> 12;
      default -> 13;
    };
  }

  /** REQ count classes: iMule's 2 (searches), 4 (stores), 11 (node lookups), anything else. */
  private static int reqClass(int count) {
    return switch (count) {
      case 2 -> 0;
      case 4 -> 1;
      case 11 -> 2;
      default -> 3;
    };
  }

  private static final String[] REQ_CLASSES = {"req2", "req4", "req11", "req_other"};

  static {
    List<String> f = new ArrayList<>();
    f.add("log_datagrams");
    f.add("log_bytes");
    f.add("log_destinations");
    for (String g : GROUPS) {
      f.add("log_" + g);
    }
    for (String g : GROUPS) {
      f.add("share_" + g);
    }
    for (String r : REQ_CLASSES) {
      f.add("log_" + r);
    }
    for (String r : REQ_CLASSES) {
      f.add("share_" + r);
    }
    FEATURES = List.copyOf(f);
  }

  /** One node's outbound traffic in one window. */
  public static final class Window {
    long datagrams;
    long bytes;
    final Set<Endpoint> destinations = new HashSet<>();
    final long[] groups = new long[GROUPS.length];
    final long[] reqs = new long[REQ_CLASSES.length];
    /** Hidden: datagrams per origin (diagnostics only, never a feature). */
    final long[] origins = new long[io.pekkomule.node.shaper.Origin.values().length];

    public long[] origins() {
      return origins.clone();
    }

    /** The feature vector (see {@link #FEATURES}). */
    public double[] features() {
      double[] f = new double[FEATURES.size()];
      int i = 0;
      f[i++] = Math.log1p(datagrams);
      f[i++] = Math.log1p(bytes);
      f[i++] = Math.log1p(destinations.size());
      for (long g : groups) {
        f[i++] = Math.log1p(g);
      }
      for (long g : groups) {
        f[i++] = datagrams == 0 ? 0 : (double) g / datagrams;
      }
      long reqTotal = 0;
      for (long r : reqs) {
        f[i++] = Math.log1p(r);
        reqTotal += r;
      }
      for (long r : reqs) {
        f[i++] = reqTotal == 0 ? 0 : (double) r / reqTotal;
      }
      return f;
    }

    public long datagrams() {
      return datagrams;
    }
  }

  private static final class Node {
    final boolean client;
    final boolean seed;
    final long joined;
    long left = Long.MAX_VALUE;
    final Map<Integer, Window> windows = new HashMap<>();

    Node(boolean client, boolean seed, long joined) {
      this.client = client;
      this.seed = seed;
      this.joined = joined;
    }
  }

  /** One labelled sample: a node's window. */
  public record Sample(boolean client, int node, int window, double[] features, long datagrams,
      long[] origins) {}

  private final long start;
  private final long window;
  private final Map<Endpoint, Node> nodes = new HashMap<>();
  private final Map<Endpoint, Integer> serials = new HashMap<>();
  private final ReqOpener reqs = new ReqOpener(0x48_38L);

  /**
   * @param startNanos the first window starts here (the end of the warm-up)
   * @param windowNanos length of a window
   */
  public ParticipationRecorder(long startNanos, long windowNanos) {
    this.start = startNanos;
    this.window = windowNanos;
  }

  /** A node joined at {@code nanos} with its hidden role. */
  public void joined(KadIdentity identity, boolean client, boolean seed, long nanos) {
    Endpoint e = identity.endpoint();
    nodes.put(e, new Node(client, seed, nanos));
    serials.put(e, serials.size());
    reqs.joined(identity);
  }

  /** A node left (churn). */
  public void left(Endpoint e, long nanos) {
    Node n = nodes.get(e);
    if (n != null) {
      n.left = nanos;
    }
  }

  /** {@code from} sent {@code datagram} (opcode {@code opcode}) to {@code to} at {@code nanos}. */
  public void sent(Endpoint from, Endpoint to, int opcode, byte[] datagram,
      io.pekkomule.node.shaper.Origin origin, long nanos) {
    Node n = nodes.get(from);
    if (n == null || nanos < start) {
      return;
    }
    int w = (int) ((nanos - start) / window);
    Window win = n.windows.computeIfAbsent(w, k -> new Window());
    win.datagrams++;
    win.bytes += datagram.length;
    win.destinations.add(to);
    win.groups[group(opcode)]++;
    win.origins[origin.ordinal()]++;
    if (opcode == 0x11) {
      Kad2Req r = reqs.open(from, to, datagram);
      win.reqs[reqClass(r == null ? -1 : r.count())]++;
    }
  }

  /** REQs the recorder could not open (should stay 0). */
  public long undecoded() {
    return reqs.undecoded();
  }

  /**
   * Every complete window of every non-seed node that lived through it, up to {@code endNanos}.
   */
  public List<Sample> samples(long endNanos) {
    List<Sample> out = new ArrayList<>();
    int windows = (int) Math.max(0, (endNanos - start) / window);
    for (Map.Entry<Endpoint, Node> e : nodes.entrySet()) {
      Node n = e.getValue();
      if (n.seed) {
        continue;
      }
      for (int w = 0; w < windows; w++) {
        long ws = start + w * window;
        if (n.joined > ws || n.left < ws + window) {
          continue;
        }
        Window win = n.windows.getOrDefault(w, new Window());
        out.add(new Sample(n.client, serials.get(e.getKey()), w, win.features(), win.datagrams,
            win.origins()));
      }
    }
    out.sort(java.util.Comparator.comparingInt(Sample::node).thenComparingInt(Sample::window));
    return out;
  }
}
