package io.pekkomule.persistence.identity;

import io.pekkomule.persistence.NodeStore;
import io.pekkomule.persistence.SchemaBootstrap;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.files.PreferencesKad;
import io.pekkomule.protocol.wire.DecodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the node calls for its identity: {@link #loadOrCreate} at start-up (creates the identity
 * once, records the start, returns the same identity ever after), {@link #storeDestinationKeys}
 * when the transport made our destination, {@link #rotate} for the operator. Logs never carry the
 * secret or the keys.
 */
public final class IdentityStore {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityStore.class);

  private IdentityStore() {}

  /**
   * Ensures the schema, then returns the node identity, creating it on the very first start: a
   * random KadID, or the KadID of an iMule {@code preferencesKad.dat} in {@code dataDir} (so a
   * migrated iMule node keeps its place in the network), plus a random UDP verify-key secret.
   * Every call records a {@code NodeStarted}.
   */
  public static CompletionStage<Identity> loadOrCreate(ActorSystem<?> system, Path dataDir) {
    return loadOrCreate(system, dataDir, Clock.systemUTC(), softwareVersion());
  }

  static CompletionStage<Identity> loadOrCreate(ActorSystem<?> system, Path dataDir, Clock clock,
      String softwareVersion) {
    try {
      SchemaBootstrap.ensureSchema(system.settings().config());
    } catch (SQLException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    NodeStore store = NodeStore.get(system);
    Duration timeout = store.settings().askTimeout();
    IdentityCandidate candidate = candidate(dataDir, clock);
    return AskPattern.<NodeIdentity.Command, Identity>ask(store.identity(),
            r -> new NodeIdentity.Create(candidate, r), timeout, system.scheduler())
        .thenCompose(created -> AskPattern.<NodeIdentity.Command, StatusReply<Identity>>ask(
            store.identity(), r -> new NodeIdentity.RecordStart(clock.instant(), softwareVersion, r),
            timeout, system.scheduler()))
        .thenApply(reply -> {
          Identity id = reply.getValue();
          LOG.info("node identity: kadId={} b32={} generation={}", id.kadId().toHex(),
              id.b32().orElse("none"), id.generation());
          return id;
        });
  }

  /** The identity if one exists; writes nothing (for tools such as {@code identity show}). */
  public static CompletionStage<Optional<Identity>> find(ActorSystem<?> system) {
    NodeStore store = NodeStore.get(system);
    return AskPattern.ask(store.identity(), NodeIdentity.Get::new, store.settings().askTimeout(),
        system.scheduler());
  }

  /** Stores the destination keys the transport created (once; a rotation drops them). */
  public static CompletionStage<Identity> storeDestinationKeys(ActorSystem<?> system,
      DestinationKeys keys) {
    NodeStore store = NodeStore.get(system);
    return AskPattern.askWithStatus(store.identity(),
        r -> new NodeIdentity.StoreDestinationKeys(keys, Clock.systemUTC().instant(), r),
        store.settings().askTimeout(), system.scheduler());
  }

  /**
   * Operator only: a new random KadID and secret, the destination keys dropped. Fails unless
   * {@code confirm} is true.
   */
  public static CompletionStage<Identity> rotate(ActorSystem<?> system, boolean confirm) {
    NodeStore store = NodeStore.get(system);
    IdentityCandidate next =
        IdentityCandidate.random(new SecureRandom(), Clock.systemUTC().instant(), IdentityOrigin.ROTATED);
    return AskPattern.askWithStatus(store.identity(),
        r -> new NodeIdentity.RotateIdentity(confirm, next, r), store.settings().askTimeout(),
        system.scheduler());
  }

  static IdentityCandidate candidate(Path dataDir, Clock clock) {
    SecureRandom rnd = new SecureRandom();
    Path prefs = dataDir.resolve("preferencesKad.dat");
    if (Files.isRegularFile(prefs)) {
      try {
        PreferencesKad p = PreferencesKad.read(prefs);
        if (!p.needsNewId()) {
          KadId id = p.kadId();
          return IdentityCandidate.adopting(id, rnd, clock.instant());
        }
      } catch (IOException | DecodeException e) {
        LOG.warn("ignoring unreadable {}: {}", prefs, e.getMessage());
      }
    }
    return IdentityCandidate.random(rnd, clock.instant(), IdentityOrigin.GENERATED);
  }

  static String softwareVersion() {
    String v = IdentityStore.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
