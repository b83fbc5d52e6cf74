package io.pekkomule.node.run;

import com.typesafe.config.Config;
import io.pekkomule.node.api.TransportView;
import io.pekkomule.node.transport.DatagramTransport;
import io.pekkomule.node.transport.TransportConfig;
import io.pekkomule.node.transport.TransportConfigException;
import io.pekkomule.node.transport.Transports;
import io.pekkomule.node.transport.sam.SamKeys;
import io.pekkomule.persistence.SecretBytes;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.protocol.I2pBase64;
import java.util.List;
import java.util.Optional;

/**
 * {@code run --transport sam [--sam HOST:PORT]} (an external I2P router through SAM 3) and {@code
 * run --transport embedded} (the Java I2P router inside the JVM, its files under the data
 * directory): both built by {@link Transports#create}. The destination is created on the first
 * start (DSA_SHA1) and stored with the identity; later starts reuse it. The same key works with
 * both transports.
 */
final class RouterTransportFactory implements TransportFactory {
  private final String name;

  RouterTransportFactory(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Created create(TransportContext ctx) throws TransportUnavailableException {
    Config c = ctx.config();
    if (ctx.options().sam().isPresent()) {
      RunOptions.HostPort hp = ctx.options().sam().get();
      String host = hp.host().contains(":") ? "[" + hp.host() + "]" : hp.host();
      c = TransportConfig.withSam(c, host + ":" + hp.port());
    }
    Optional<String> stored = ctx.storedKeys()
        .map(k -> I2pBase64.encode(k.privateKeys().reveal()));
    if (stored.isPresent()) {
      try {
        SamKeys.publicOf(stored.get());
      } catch (IllegalArgumentException e) {
        throw new TransportUnavailableException("the stored destination keys are not I2P router"
            + " keys (" + e.getMessage() + "); they were made by the lab transport: use"
            + " --transport lab on this data directory, or a new data directory");
      }
    }
    DatagramTransport t;
    try {
      t = Transports.create(name, c, ctx.dataDir(), stored, ctx.registry());
    } catch (TransportConfigException | IllegalArgumentException e) {
      throw new TransportUnavailableException(e.getMessage());
    }
    return new Created(t,
        () -> new TransportView(name, t.isUp(), t.health().summary()),
        List.of(),
        () -> stored.isPresent() ? Optional.empty()
            : t.privateKeyBase64().map(k -> new DestinationKeys(SamKeys.publicOf(k),
                SecretBytes.of(I2pBase64.decode(k)))),
        () -> { });
  }
}
