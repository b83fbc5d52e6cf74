package io.pekkomule.node.interop;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pekkomule.node.kad.KadNode;
import io.pekkomule.node.kad.KadNodeSettings;
import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.routing.RoutingSnapshot;
import io.pekkomule.node.kad.wire.KadDialect;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.kad4.Kad4Identity;
import io.pekkomule.node.kad4.Kad4Node;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.node.transport.InboundDatagram;
import io.pekkomule.node.transport.TransportMetrics;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.datagram.DatagramCodec;
import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.endpoint.Endpoint;
import io.pekkomule.protocol.endpoint.Ipv4UdpEndpoint;
import io.pekkomule.protocol.msg.AmuleRes;
import io.pekkomule.protocol.msg.AmuleBootstrapRes;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.Messages;
import io.pekkomule.protocol.msg.Unknown;
import io.pekkomule.protocol.wire.DecodeException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs inside the interop namespace ({@code ip netns exec}): a real kad4 {@link Kad4Node} (the
 * shared KadNode with {@link KadDialect#AMULE_KAD4}, the shaper and the UDP transport) bound to
 * {@link AmuledNamespace#PEER_IP}, given amuled A as its only bootstrap contact.
 *
 * <p>Step 2: our node is given only A; B reaches our table only through A (A's BOOTSTRAP_RES or
 * RES). Once both are verified (HELLO handshakes), a NODE lookup for B's id must send REQ to and
 * get RES from A and B and end with B among the nodes that answered; and, within 60 s more of
 * repeated lookups, A's RES must list B. Step 5: from {@link AmuledNamespace#FLOOD_IP} three malformed
 * datagrams and a flood of 300 BOOTSTRAP_REQ go to A; then A must still answer a PING from
 * {@link AmuledNamespace#CHECK_IP}, our node must answer a PING from there too, and a second lookup
 * of our node through A must still get A's RES. Prints the captured opcode sequence ({@code >>}
 * sent by our node, {@code <<} received; peer A or B) and one {@code STEP n PASS|FAIL} line each.
 *
 * <p>Steps 3 and 4: once A and B are verified the node shares a file whose name holds two
 * keywords, one next to our node only, one next to B only (aMule stores a key, and asks for it,
 * only within its search tolerance), its id next to B. The runner waits (bounded) for B's
 * acknowledgement of our PUBLISH_SOURCE, then of our PUBLISH_KEY for B's keyword, and for our own
 * keyword entry in our index (the keyword lookup's data request to our own address). Step 3: B's
 * {@code amulecmd search kad} for our keyword reaches our node (SEARCH_KEY_REQ), we answer
 * (SEARCH_RES) and B's {@code results} show the file; no amuled is within tolerance of that
 * keyword, so only our answer can have put it there. Step 4: our node stopped, A's search for
 * B's keyword shows the file: only B's copy can answer.
 *
 * <p>Arguments: ourIdHex aIdHex bIdHex keyword storedKeyword fileIdHex. Exit 0 when all of steps
 * 2–5 pass (docs/overlays.md, "Node-level interop").
 */
public final class Kad4NodeRunner {
  private static final Map<Integer, Integer> FAMILY_TO_KAD4 = Map.ofEntries(
      Map.entry(0x0D, 0x01), Map.entry(0x0E, 0x09), Map.entry(0x0F, 0x11), Map.entry(0x10, 0x19),
      Map.entry(0x11, 0x21), Map.entry(0x12, 0x22), Map.entry(0x13, 0x29), Map.entry(0x1E, 0x60),
      Map.entry(0x1F, 0x61), Map.entry(0x14, 0x33), Map.entry(0x17, 0x3B), Map.entry(0x18, 0x43),
      Map.entry(0x1B, 0x4B), Map.entry(0x19, 0x44), Map.entry(0x1A, 0x45),
      // the only message without an iMule meaning our node sends: FIREWALLED_RES
      Map.entry(0xFF, 0x58));

  private final List<String> capture = Collections.synchronizedList(new ArrayList<>());
  /** Everything captured, never drained (the publish wait overlaps step 2). */
  private final List<String> all = Collections.synchronizedList(new ArrayList<>());

  private void record(String entry) {
    synchronized (capture) {
      capture.add(entry);
      all.add(entry);
    }
  }
  private final DatagramCodec decoder;
  private final String aIp;
  private final String bIp;

  private Kad4NodeRunner(KadIdentity me, String aIp, String bIp) {
    this.decoder = KadDialect.AMULE_KAD4.codec(me, new SplittableRandom(1));
    this.aIp = aIp;
    this.bIp = bIp;
  }

  private String peer(Endpoint e) {
    String ip = ((Ipv4UdpEndpoint) e).dotted();
    return ip.equals(aIp) ? "A" : ip.equals(bIp) ? "B" : ip;
  }

  private void received(InboundDatagram d) {
    String op;
    try {
      KadMessage m = decoder.decode(d.payload(), d.from()).message();
      int code = m instanceof Unknown u ? u.opcode() : Messages.opcodeOf(Overlay.AMULE_KAD4, m);
      op = String.format("%02x", code);
      if (m instanceof AmuleRes r) {
        op += "[" + r.contacts().stream().map(c -> peerOf(c)).toList() + "]/"
            + r.target().toHex().substring(0, 8);
      } else if (m instanceof io.pekkomule.protocol.msg.Kad2PublishRes p) {
        op += "/" + p.key().toHex();
      } else if (m instanceof AmuleBootstrapRes b) {
        op += "[" + b.contacts().stream().map(c -> peerOf(c)).toList() + "]";
      }
    } catch (DecodeException | RuntimeException e) {
      op = "??";
    }
    record("<<" + peer(d.from()) + ":" + op + stamp());
  }

  private String peerOf(KadContact c) {
    return peer(c.endpoint()) + "/v" + c.version();
  }

  private void offered(OutboundIntent i) {
    byte[] d = i.datagram();
    int wire = (d[0] & 0xFF) == 0xE4 || (d[0] & 0xFF) == 0xE5 ? d[1] & 0xFF
        : FAMILY_TO_KAD4.getOrDefault(i.opcode(), i.opcode());
    String mode = (d[0] & 0xFF) == 0xE4 || (d[0] & 0xFF) == 0xE5 ? "" : "*";
    record(">>" + peer(i.destination()) + ":" + String.format("%02x", wire) + mode + stamp());
  }

  /** While set, captured entries carry the seconds since {@link #timelineStart} (and RES keys). */
  private volatile boolean timeline;
  private volatile long timelineStart;

  private String stamp() {
    return timeline ? String.format("@%.1f", (System.nanoTime() - timelineStart) / 1e9) : "";
  }

  private String drainCapture() {
    synchronized (capture) {
      String s = String.join(",", capture);
      capture.clear();
      return s;
    }
  }

  public static void main(String[] args) throws Exception {
    KadId ourId = KadId.fromHex(args[0]);
    KadId aId = KadId.fromHex(args[1]);
    KadId bId = KadId.fromHex(args[2]);
    String aIp = AmuledNamespace.AMULED_IP;
    String bIp = AmuledNamespace.AMULED_B_IP;
    Ipv4UdpEndpoint bind = Ipv4UdpEndpoint.of(AmuledNamespace.PEER_IP, 4672);
    Kad4Identity id = new Kad4Identity(ourId, 0x5EC12E7);
    Kad4NodeRunner r = new Kad4NodeRunner(
        KadIdentity.kad4(ourId, bind, 4662, id.udpKeySecret(), 8), aIp, bIp);
    Ipv4UdpEndpoint a = Ipv4UdpEndpoint.of(aIp, AmuledNamespace.AMULED_UDP);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "kad4-interop");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    int exit = 1;
    try (Kad4Node node = Kad4Node.start(system, "kad4", id,
        new Kad4Node.Options(bind, 4662, List.of(new KadContact(8, aId, a)))
            .withTaps(new Kad4Node.Taps(r::received, r::offered))
            .withPublishing(earlyPublishing()),
        registry)) {
      String keyword = args[3];
      String stored = args[4];
      r.fileId = KadId.fromHex(args[5]);
      r.fileName = keyword + " " + stored + ".txt";
      long t0 = System.nanoTime();
      // the file is shared once A and B are verified: its publishing overlaps step 2
      boolean step2 = r.step2(system, node, aId, bId, () -> r.share(node));
      System.out.println("STEP2 took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
          + " ms");
      boolean published = r.publish(system, node, keyword, stored);
      printMeters(registry);
      long t3 = System.nanoTime();
      boolean step3 = r.step3(system, node, keyword);
      long t5 = System.nanoTime();
      boolean step5 = r.step5(system, node, aId, a, bId);
      long t4 = System.nanoTime();
      boolean step4 = published && r.step4(node, stored);
      System.out.println("TIMES ms: until published=" + TimeUnit.NANOSECONDS.toMillis(t3 - t0)
          + " step3=" + TimeUnit.NANOSECONDS.toMillis(t5 - t3) + " step5="
          + TimeUnit.NANOSECONDS.toMillis(t4 - t5) + " step4="
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t4));
      System.out.println("STEPS step2=" + step2 + " step3=" + step3 + " step4=" + step4
          + " step5=" + step5);
      TransportMetrics tm = node.transport().metrics();
      System.out.println("transport in ok=" + tm.count(TransportMetrics.Direction.IN,
          TransportMetrics.Result.OK) + " out ok=" + tm.count(TransportMetrics.Direction.OUT,
          TransportMetrics.Result.OK));
      exit = step2 && step3 && step4 && step5 ? 0 : 1;
      System.out.println("EXIT-STEPS-2-5 " + exit);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
    System.exit(exit);
  }

  /** The node's non-zero kad.* counters (inbound outcomes by reason and opcode, served …). */
  private static void printMeters(SimpleMeterRegistry registry) {
    StringBuilder b = new StringBuilder("METERS");
    registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("kad.") || m.getId().getName().startsWith("lookup"))
        .forEach(m -> m.measure().forEach(ms -> {
          if (ms.getValue() > 0) {
            b.append(' ').append(m.getId().getName()).append(m.getId().getTags().stream()
                .map(t -> t.getValue()).toList()).append('=').append((long) ms.getValue());
          }
        }));
    System.out.println(b);
  }

  private static RoutingSnapshot snapshot(ActorSystem<?> system, Kad4Node node) throws Exception {
    CompletionStage<RoutingSnapshot> s = AskPattern.ask(node.node(),
        KadNode.GetRouting::new, Duration.ofSeconds(5), system.scheduler());
    return s.toCompletableFuture().get(6, TimeUnit.SECONDS);
  }

  private static LookupOutcome lookup(ActorSystem<?> system, Kad4Node node, KadId target)
      throws Exception {
    CompletionStage<LookupOutcome> o = AskPattern.ask(node.node(),
        reply -> new KadNode.StartLookup(new LookupActor.Spec(LookupType.NODE, target,
            KadNodeSettings.OUR_LOOKUPS, UrgencyClass.INTERACTIVE, Origin.LOOKUP), reply),
        Duration.ofSeconds(60), system.scheduler());
    return o.toCompletableFuture().get(61, TimeUnit.SECONDS);
  }

  /** Whether {@code seq} has an entry starting with {@code head} and holding {@code key}. */
  private static boolean answered(String seq, String head, String key) {
    for (String e : seq.split(",(?=[<>])")) {
      if (e.startsWith(head) && e.contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** Bootstrap from A, A verified, NODE lookup for B's id through A. */
  private boolean step2(ActorSystem<?> system, Kad4Node node, KadId aId, KadId bId,
      Runnable afterVerified) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    RoutingSnapshot s = snapshot(system, node);
    while (!(s.verifiedIds().contains(aId) && s.verifiedIds().contains(bId))
        && System.nanoTime() < until) {
      Thread.sleep(500);
      s = snapshot(system, node);
    }
    System.out.println("routing before lookup: size=" + s.size() + " verified=" + s.verified()
        + " A verified=" + s.verifiedIds().contains(aId) + " B known=" + s.contactIds().contains(bId)
        + " B verified=" + s.verifiedIds().contains(bId));
    System.out.println("STEP2 bootstrap opcodes=" + drainCapture());
    afterVerified.run();
    if (!s.verifiedIds().contains(aId) || !s.verifiedIds().contains(bId)) {
      System.out.println("STEP2 FAIL: amuled A or B (learned from A) never verified");
      return false;
    }
    LookupOutcome o = lookup(system, node, bId);
    String seq = drainCapture();
    System.out.println("STEP2 lookup outcome: " + o.termination() + " requests=" + o.requests()
        + " answered=" + o.completedPeers().stream().map(c -> c.id().toHex()).toList()
        + " closest=" + o.closestKnown().stream().map(c -> c.id().toHex()).toList());
    System.out.println("STEP2 lookup opcodes=" + seq);
    boolean askedA = seq.contains(">>A:21");
    // RES answers for B's id (publish lookups running meanwhile get RES for other keys); A's
    // RES to the first lookup may come after B's answer ended it: the repeats count too
    String forB = "]/" + bId.toHex().substring(0, 8);
    boolean resA = answered(seq, "<<A:29[", forB);
    boolean askedB = seq.contains(">>B:21");
    boolean resB = answered(seq, "<<B:29[", forB);
    boolean bAnswered = o.completedPeers().stream().anyMatch(c -> c.id().equals(bId));
    // the hop proper: amuled A hands out B in its RES once it has typed B itself (aMule lists
    // only contacts of type <= 2; nodes.dat contacts start at type 3): ask again, bounded
    // A's RES for B's id (publish lookups running meanwhile get A's RES for other keys)
    String hop = "<<A:29[[B/v8]]/" + bId.toHex().substring(0, 8);
    boolean resHop = seq.contains(hop);
    long hopUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!resHop && System.nanoTime() < hopUntil) {
      Thread.sleep(10_000);
      lookup(system, node, bId);
      String again = drainCapture();
      resHop = again.contains(hop);
      resA |= answered(again, "<<A:29[", forB);
      if (resHop) {
        System.out.println("STEP2 hop opcodes=" + again);
      }
    }
    System.out.println("STEP2 RES-HOP " + (resHop ? "seen: A's RES listed B" : "not seen"));
    boolean pass = askedA && resA && askedB && resB && bAnswered && resHop;
    System.out.println("STEP2 " + (pass ? "PASS" : "FAIL") + " askedA=" + askedA + " resA="
        + resA + " askedB=" + askedB + " resB=" + resB + " bAnswered=" + bAnswered
        + " resHop=" + resHop);
    return pass;
  }

  /** The shared file: its id sits next to amuled B (aMule stores a source only that close). */
  private KadId fileId;
  /** Holds both keywords: one next to our node (step 3), one next to amuled B (step 4). */
  private String fileName;

  /** Our first publish a few seconds after Share (iMule: 10 s to 15 min), else the defaults. */
  private static io.pekkomule.node.kad.search.Publisher.Settings earlyPublishing() {
    var early = io.pekkomule.node.kad.search.RepublishScheduler.Config.DEFAULT
        .withFirstWindow(Duration.ofSeconds(1), Duration.ofSeconds(3));
    var d = io.pekkomule.node.kad.search.Publisher.Settings.defaults(KadNodeSettings.OUR_LOOKUPS);
    // amuled A never answers a publish outside its tolerance (as aMule does), so each publish
    // lookup ends on its idle lifetime (iMule: 120 s) and only then queues the file's keywords
    // (ordering rule): the test shortens that lifetime, the shipped config keeps iMule's. Not
    // below 35 s: a routine request may wait up to 30 s in the shaper before it leaves
    return new io.pekkomule.node.kad.search.Publisher.Settings(early,
        d.lookups().withIdleLifetime(Duration.ofSeconds(35)), d.maxRunning(), d.cover());
  }

  /**
   * Waits (bounded, from the share) for: our PUBLISH_SOURCE acknowledged by B (the ordering rule
   * queues keywords only after the source lookup succeeded and ended), our PUBLISH_KEY for the
   * stored keyword acknowledged by B, and our own keyword entry in our index (the keyword
   * lookup's data request to our own address, which our node stores and acknowledges).
   */
  private boolean publish(ActorSystem<?> system, Kad4Node node, String keyword, String stored)
      throws Exception {
    // iMule's ordering rule: keywords go out only when the source lookup has ended (here: 35 s
    // after its last answer), and each routine request may wait up to 30 s in the shaper
    long until = shareStarted + TimeUnit.SECONDS.toNanos(200);
    boolean sourceAck = false;
    boolean keyAck = false;
    boolean local = false;
    String seq = "";
    while (System.nanoTime() < until) {
      synchronized (capture) {
        seq = String.join(",", all.subList(shareMark, all.size()));
      }
      sourceAck = seq.contains("<<B:4b/" + fileId.toHex());
      keyAck = seq.contains("<<B:4b/" + KeywordHasher.hash(stored).toHex());
      local = local || queryIndex(system, node, KeywordHasher.hash(keyword));
      if (sourceAck && keyAck && local) {
        break;
      }
      Thread.sleep(500);
    }
    timeline = false;
    drainCapture();
    System.out.println("PUBLISH opcodes=" + seq);
    System.out.println("PUBLISH source to B acknowledged=" + sourceAck + " keyword to B"
        + " acknowledged=" + keyAck + " our index holds '" + keyword + "'=" + local + " after "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - shareStarted) + " ms");
    return sourceAck && keyAck;
  }

  private long shareStarted;
  private int shareMark;

  /** Shares the file; from here on captured entries carry seconds since the share. */
  private void share(Kad4Node node) {
    synchronized (capture) {
      shareMark = all.size();
      shareStarted = System.nanoTime();
      timelineStart = shareStarted;
      timeline = true;
    }
    node.node().tell(new KadNode.Share(
        io.pekkomule.node.kad.search.SharedFile.complete(fileId, fileName, 123_456)));
  }

  private boolean queryIndex(ActorSystem<?> system, Kad4Node node, KadId key) throws Exception {
    CompletionStage<Boolean> q = AskPattern.ask(node.node(),
        reply -> new KadNode.QueryIndex(io.pekkomule.node.kad.index.IndexStore.Kind.KEYWORD, key,
            fileId, reply), Duration.ofSeconds(5), system.scheduler());
    return q.toCompletableFuture().get(6, TimeUnit.SECONDS);
  }

  private static String amulecmd(String host, String command) throws Exception {
    Process p = new ProcessBuilder("amulecmd", "-h", host, "-p",
        String.valueOf(AmuledNamespace.AMULED_EC), "-P", "interop", "-c", command)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return out;
  }

  /** Polls {@code amulecmd results} on {@code host} (bounded) until the shared file shows. */
  private boolean resultsShow(String host, int seconds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String out = "";
    while (System.nanoTime() < until) {
      Thread.sleep(2000);
      out = amulecmd(host, "results");
      if (out.contains(fileName)) {
        System.out.println("amulecmd results on " + host + ": "
            + out.lines().filter(l -> l.contains(fileName)).findFirst().orElse("").strip());
        return true;
      }
    }
    System.out.println("amulecmd results on " + host + " (last): " + out.strip());
    return false;
  }

  /**
   * Step 3: amuled B's keyword search for the keyword next to our node reaches it
   * (SEARCH_KEY_REQ), our node answers with a SEARCH_RES from its index (our own entry, stored
   * from the keyword publish to our own address), and B's results show the file. B itself and A
   * are too far from that keyword to have stored it (aMule's search tolerance), so the result can
   * only come from our answer.
   */
  private boolean step3(ActorSystem<?> system, Kad4Node node, String keyword) throws Exception {
    drainCapture();
    boolean held = queryIndex(system, node, KeywordHasher.hash(keyword));
    String started = amulecmd(AmuledNamespace.AMULED_B_IP, "search kad " + keyword);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    boolean reached = false;
    boolean answered = false;
    StringBuilder seq = new StringBuilder();
    while (!(reached && answered) && System.nanoTime() < until) {
      Thread.sleep(250);
      String s = drainCapture();
      if (!s.isEmpty()) {
        seq.append(seq.length() == 0 ? "" : ",").append(s);
      }
      reached = seq.indexOf("<<B:33") >= 0;
      answered = reached && seq.indexOf(">>B:3b", seq.indexOf("<<B:33")) >= 0;
    }
    boolean shown = answered && resultsShow(AmuledNamespace.AMULED_B_IP, 30);
    System.out.println("STEP3 amulecmd: " + started.strip().lines().reduce((x, y) -> y).orElse(""));
    String rest = drainCapture();
    System.out.println("STEP3 opcodes=" + seq + (rest.isEmpty() ? "" : "," + rest));
    boolean pass = reached && answered && held && shown;
    System.out.println("STEP3 " + (pass ? "PASS" : "FAIL") + " reached=" + reached
        + " answered=" + answered + " ourIndexHoldsEntry=" + held + " shownInResults=" + shown);
    return pass;
  }

  /**
   * Step 4: our keyword publish was stored by amuled B (its PUBLISH_RES above); with our node
   * gone, a search from amuled A can only find the file in B's index.
   */
  private boolean step4(Kad4Node node, String stored) throws Exception {
    node.close();
    String started = amulecmd(AmuledNamespace.AMULED_IP, "search kad " + stored);
    boolean shown = resultsShow(AmuledNamespace.AMULED_IP, 45);
    System.out.println("STEP4 amulecmd: " + started.strip().lines().reduce((x, y) -> y).orElse(""));
    System.out.println("STEP4 " + (shown ? "PASS" : "FAIL") + " (our node stopped; A's search"
        + " found the file we published to B)");
    return shown;
  }

  /** Malformed datagrams and a flood to A; A and our node still answer. */
  private boolean step5(ActorSystem<?> system, Kad4Node node, KadId aId, Ipv4UdpEndpoint a,
      KadId bId) throws Exception {
    InetSocketAddress aAddr = a.toSocketAddress();
    Random rnd = new Random(5);
    try (DatagramChannel flood = DatagramChannel.open();
        DatagramChannel check = DatagramChannel.open()) {
      flood.bind(new InetSocketAddress(AmuledNamespace.FLOOD_IP, 0));
      check.bind(new InetSocketAddress(AmuledNamespace.CHECK_IP, 0));
      byte[] random64 = new byte[64];
      rnd.nextBytes(random64);
      byte[] badRes = new byte[2 + 17];
      badRes[0] = (byte) 0xE4;
      badRes[1] = 0x29;
      badRes[18] = 5; // five contacts announced, none present
      for (byte[] m : List.of(new byte[] {(byte) 0xE4, 0x11, 1, 2, 3}, badRes, random64)) {
        flood.send(ByteBuffer.wrap(m), aAddr);
      }
      for (int i = 0; i < 300; i++) {
        flood.send(ByteBuffer.wrap(new byte[] {(byte) 0xE4, 0x01}), aAddr);
      }
      System.out.println("STEP5 sent 3 malformed + 300 BOOTSTRAP_REQ from "
          + AmuledNamespace.FLOOD_IP + " to A");
      // A still answers a PING from a fresh address
      check.send(ByteBuffer.wrap(new byte[] {(byte) 0xE4, 0x60}), aAddr);
      boolean aPong = awaitFrom(check, aAddr, 0x61, 8);
      if (!aPong) {
        // one more PING (aMule allows two a minute per address): a lost datagram is not a fault
        check.send(ByteBuffer.wrap(new byte[] {(byte) 0xE4, 0x60}), aAddr);
        aPong = awaitFrom(check, aAddr, 0x61, 10);
      }
      // our node answers a PING (through its shaper)
      InetSocketAddress us = new InetSocketAddress(AmuledNamespace.PEER_IP, 4672);
      check.send(ByteBuffer.wrap(new byte[] {(byte) 0xE4, 0x60}), us);
      boolean ourPong = awaitFrom(check, us, 0x61, 30);
      // and a lookup of our node still goes through A
      LookupOutcome o = lookup(system, node, KadId.random(new SplittableRandom(9)));
      String seq = drainCapture();
      boolean aStillServes = seq.contains("<<A:29");
      System.out.println("STEP5 opcodes=" + seq);
      boolean pass = aPong && ourPong && aStillServes;
      System.out.println("STEP5 " + (pass ? "PASS" : "FAIL") + " aPong=" + aPong + " ourPong="
          + ourPong + " lookupAfterFlood=" + o.termination() + " resFromA=" + aStillServes);
      return pass;
    }
  }

  /** Bounded wait for a plain kad4 datagram with {@code opcode} from {@code from}. */
  private static boolean awaitFrom(DatagramChannel ch, InetSocketAddress from, int opcode,
      int seconds) throws Exception {
    ch.configureBlocking(false);
    ByteBuffer buf = ByteBuffer.allocate(2048);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < until) {
      buf.clear();
      InetSocketAddress src = (InetSocketAddress) ch.receive(buf);
      if (src == null) {
        Thread.sleep(50);
        continue;
      }
      buf.flip();
      if (src.equals(from) && buf.remaining() >= 2 && (buf.get(0) & 0xFF) == 0xE4
          && (buf.get(1) & 0xFF) == opcode) {
        return true;
      }
    }
    return false;
  }
}
