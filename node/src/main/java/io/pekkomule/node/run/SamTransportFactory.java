package io.pekkomule.node.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.pekkomule.node.api.TransportView;
import io.pekkomule.node.transport.sam.SamConfig;
import io.pekkomule.node.transport.sam.SamDatagramTransport;
import io.pekkomule.node.transport.sam.SamKeys;
import io.pekkomule.persistence.SecretBytes;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.protocol.I2pBase64;
import java.util.List;
import java.util.Optional;

/**
 * {@code run --transport sam [--sam HOST:PORT]}: an external I2P router (i2pd or Java I2P)
 * through SAM 3 ({@link SamDatagramTransport}). The destination is created by the router on the
 * first start ({@code DEST GENERATE SIGNATURE_TYPE=DSA_SHA1}) and stored with the identity; later
 * starts reuse it.
 */
final class SamTransportFactory implements TransportFactory {
  @Override
  public String name() {
    return "sam";
  }

  @Override
  public Created create(TransportContext ctx) throws TransportUnavailableException {
    Config c = ctx.config();
    if (ctx.options().sam().isPresent()) {
      RunOptions.HostPort hp = ctx.options().sam().get();
      c = c.withValue("pekko-mule.transport.sam.host", ConfigValueFactory.fromAnyRef(hp.host()))
          .withValue("pekko-mule.transport.sam.port", ConfigValueFactory.fromAnyRef(hp.port()));
    }
    SamConfig config;
    try {
      config = SamConfig.from(c);
    } catch (RuntimeException e) {
      throw new TransportUnavailableException("pekko-mule.transport.sam: " + e.getMessage());
    }
    Optional<String> stored = ctx.storedKeys()
        .map(k -> I2pBase64.encode(k.privateKeys().reveal()));
    if (stored.isPresent()) {
      try {
        SamKeys.publicOf(stored.get());
      } catch (IllegalArgumentException e) {
        throw new TransportUnavailableException("the stored destination keys are not SAM keys ("
            + e.getMessage() + "); they were made by another transport: use that transport, or"
            + " `identity rotate --confirm` for a new identity");
      }
    }
    SamDatagramTransport t = new SamDatagramTransport(config, stored, ctx.registry());
    String where = config.host() + ":" + config.port();
    return new Created(t,
        () -> new TransportView("sam", t.isUp(), where + (t.isUp() ? "" : " (session down)")),
        List.of(),
        () -> stored.isPresent() ? Optional.empty()
            : t.privateKeyBase64().map(k -> new DestinationKeys(SamKeys.publicOf(k),
                SecretBytes.of(I2pBase64.decode(k)))),
        () -> { });
  }
}
