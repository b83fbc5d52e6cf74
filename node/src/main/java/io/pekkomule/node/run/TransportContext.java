package io.pekkomule.node.run;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.persistence.identity.DestinationKeys;
import io.pekkomule.protocol.KadId;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What a {@link TransportFactory} gets: the node's configuration (with the command-line options
 * applied), its data directory, actor system, meter registry, its KadID and the stored
 * destination keys.
 *
 * @param options command-line options for the transport ({@link RunOptions})
 */
public record TransportContext(
    Config config,
    Path dataDir,
    ActorSystem<?> system,
    MeterRegistry registry,
    KadId kadId,
    Optional<DestinationKeys> storedKeys,
    RunOptions options) {}
