package io.pekkomule.node.transport;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.transport.embedded.EmbeddedDatagramTransport;
import io.pekkomule.node.transport.sam.SamDatagramTransport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the configured transport by name ({@code embedded} or {@code sam}), the way {@code run}
 * needs it: configuration checked first ({@link TransportConfig}), the node's stored private
 * destination handed in, the embedded router's directory under the node's data directory.
 *
 * <p>After {@code start}, store {@link #keysToStore} when the node had no key yet (and pass {@link
 * #storedPrivateKey} next time): the same key works with both transports.
 */
public final class Transports {
  private Transports() {}

  /**
   * The transport {@code pekko-mule.transport.kind} names.
   *
   * @param root the full configuration (overlay {@link TransportConfig#withKind} and {@link
   *     TransportConfig#withSam} for the command-line options first)
   * @param dataDir the node's data directory ({@code --data})
   * @param privateKeyBase64 the stored private destination, or empty to create one
   * @throws TransportConfigException with every configuration problem found
   * @throws IllegalArgumentException when the stored key is not a DSA_SHA1 one
   */
  public static DatagramTransport create(Config root, Path dataDir,
      Optional<String> privateKeyBase64, MeterRegistry registry) {
    return create(TransportConfig.from(root), dataDir, privateKeyBase64, registry);
  }

  /** The transport named {@code kind}, with the rest of {@code root}. */
  public static DatagramTransport create(String kind, Config root, Path dataDir,
      Optional<String> privateKeyBase64, MeterRegistry registry) {
    return create(TransportConfig.withKind(root, kind), dataDir, privateKeyBase64, registry);
  }

  /**
   * The private destination stored in {@code identity}, in the form the transports take (SAM's
   * {@code PRIV}, I2P base64). The identity store keeps the raw 663 bytes.
   */
  public static Optional<String> storedPrivateKey(
      io.pekkomule.persistence.identity.Identity identity) {
    return identity.destinationKeys()
        .map(k -> io.pekkomule.protocol.I2pBase64.encode(k.privateKeys().reveal()));
  }

  /**
   * What to store after {@code start}: the transport's destination and private key (raw bytes),
   * or empty while it has none. Checks that the key belongs to the destination.
   */
  public static Optional<io.pekkomule.persistence.identity.DestinationKeys> keysToStore(
      DatagramTransport transport) {
    return transport.privateKeyBase64().map(k -> new io.pekkomule.persistence.identity
        .DestinationKeys(io.pekkomule.node.transport.sam.SamKeys.publicOf(k),
        io.pekkomule.persistence.SecretBytes.of(io.pekkomule.protocol.I2pBase64.decode(k))));
  }

  public static DatagramTransport create(TransportConfig config, Path dataDir,
      Optional<String> privateKeyBase64, MeterRegistry registry) {
    return switch (config.kind()) {
      case SAM -> new SamDatagramTransport(config.sam(), privateKeyBase64, registry);
      case EMBEDDED -> new EmbeddedDatagramTransport(config.embedded().resolve(dataDir),
          privateKeyBase64, registry);
    };
  }
}
