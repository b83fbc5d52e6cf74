package io.pekkomule.node.run;

import io.pekkomule.node.api.TransportView;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.lab.LabDatagramTransport;
import io.pekkomule.node.lab.LabNetwork;
import io.pekkomule.node.lab.LabPeers;
import io.pekkomule.node.lab.LatencyModel;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.persistence.SecretBytes;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.Kad2Contact;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code run --transport lab}: the node joins an in-JVM simulated I2P network ({@link
 * LabNetwork}, the lab's latency model, 1 % loss) of {@code --lab-peers} real Kad nodes ({@link
 * LabPeers}), so it learns contacts and receives traffic without a router. Our destination is
 * random on the first start and stored with the identity like a real one; the peers come from a
 * seed derived from our KadID, so the same peers are there after a restart.
 */
final class LabTransportFactory implements TransportFactory {
  static final int MAX_PEERS = 2000;

  @Override
  public String name() {
    return "lab";
  }

  @Override
  public Created create(TransportContext ctx) throws TransportUnavailableException {
    int n = ctx.options().labPeers();
    if (n < 1 || n > MAX_PEERS) {
      throw new TransportUnavailableException("--lab-peers must be 1.." + MAX_PEERS + ", got " + n);
    }
    long seed = ctx.options().labSeed().orElse(ctx.kadId().hi() ^ Long.rotateLeft(ctx.kadId().lo(), 17));
    Set<Integer> peerHashes = new HashSet<>();
    for (KadIdentity p : LabPeers.identities(n, seed)) {
      peerHashes.add(p.udpDest().ipHash());
    }
    I2pDestination self;
    Optional<DestinationKeys> created;
    if (ctx.storedKeys().isPresent()) {
      self = ctx.storedKeys().get().destination();
      created = Optional.empty();
    } else {
      SecureRandom rnd = new SecureRandom();
      self = LabPeers.destination(new SplittableRandom(rnd.nextLong()), peerHashes);
      byte[] priv = new byte[32];
      rnd.nextBytes(priv);
      created = Optional.of(new DestinationKeys(self, SecretBytes.of(priv)));
    }
    LabNetwork network = new LabNetwork(ctx.system().classicSystem().scheduler(),
        ctx.system().executionContext(), LatencyModel.I2P, 0.01, seed * 31 + 7);
    LabDatagramTransport transport = new LabDatagramTransport(ctx.system(), network, self,
        ctx.registry());
    ShaperSettings shaper = ShaperSettings.fromConfig(ctx.config());
    int version = ctx.config().getInt("pekko-mule.kad.version");
    int publishers = ctx.options().labPublishers();
    if (publishers < 0 || publishers > n) {
      throw new TransportUnavailableException("--lab-publishers must be 0.." + n + ", got "
          + publishers);
    }
    LabPeers peers = LabPeers.start(ctx.system(), network, n, seed, shaper,
        new Kad2Contact(version, ctx.kadId(), self), publishers);
    List<FileContact> bootstrap = new ArrayList<>();
    for (int i = 0; i < Math.min(3, n); i++) {
      bootstrap.add(new FileContact(peers.identities().get(i).kad2Contact(), 0, 0, false));
    }
    return new Created(transport,
        () -> new TransportView("lab", transport.isUp(),
            "simulated I2P network with " + peers.size() + " lab peers"),
        bootstrap, () -> created, transport::stopReceiving);
  }
}
