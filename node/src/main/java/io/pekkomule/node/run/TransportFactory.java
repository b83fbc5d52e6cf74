package io.pekkomule.node.run;

import io.pekkomule.node.api.TransportView;
import io.pekkomule.node.transport.DatagramTransport;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.protocol.contact.FileContact;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes the node's transport for {@code run --transport NAME}. One implementation per transport
 * kind, registered by name in {@link TransportRegistry}. A factory validates its options and
 * fails with {@link TransportUnavailableException} (exit code 2, the message shown as is) when
 * the operator has to fix something.
 */
public interface TransportFactory {
  /** The name on the command line and in {@code pekko-mule.transport.kind}. */
  String name();

  /**
   * A transport, not started yet. Destination keys: reuse {@link TransportContext#storedKeys()}
   * when present; a transport that creates a new destination reports its keys through {@link
   * Created#newKeys()} once started (the node then stores them with the identity, once).
   */
  Created create(TransportContext context) throws TransportUnavailableException;

  /**
   * A transport and how to describe it to the operator.
   *
   * @param view read on every {@code /status}: kind, up, one line of detail (no secret)
   * @param bootstrap contacts to start from when nothing is stored and no bootstrap file is given
   *     (the lab's seed peers); empty for real networks
   * @param newKeys after start: the keys of a destination the transport created (empty when it
   *     reused the stored ones)
   * @param stopReceiving graceful shutdown: drop what arrives from now on (no new work)
   */
  record Created(
      DatagramTransport transport,
      Supplier<TransportView> view,
      List<FileContact> bootstrap,
      Supplier<Optional<DestinationKeys>> newKeys,
      Runnable stopReceiving) {
    public Created {
      bootstrap = List.copyOf(bootstrap);
    }
  }
}
