package io.pekkomule.persistence;

import io.pekkomule.persistence.buckets.RoutingBuckets;
import io.pekkomule.persistence.identity.NodeIdentity;
import io.pekkomule.persistence.index.OwnPublications;
import io.pekkomule.persistence.index.StoredIndex;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;

/**
 * The node's persistent entities, one of each per actor system (a Pekko extension): spawned on
 * first use under the system guardian. Run {@link SchemaBootstrap#ensureSchema} before using them
 * ({@link io.pekkomule.persistence.identity.IdentityStore#loadOrCreate} does).
 */
public final class NodeStore implements Extension {
  private static final ExtensionId<NodeStore> ID =
      new ExtensionId<>() {
        @Override
        public NodeStore createExtension(ActorSystem<?> system) {
          return new NodeStore(system);
        }
      };

  private final ActorSystem<?> system;
  private final StoreSettings settings;
  private ActorRef<NodeIdentity.Command> identity;
  private ActorRef<RoutingBuckets.Command> buckets;
  private ActorRef<StoredIndex.Command> index;
  private ActorRef<OwnPublications.Command> publications;

  private NodeStore(ActorSystem<?> system) {
    this.system = system;
    this.settings = StoreSettings.fromConfig(system.settings().config());
  }

  public static NodeStore get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public StoreSettings settings() {
    return settings;
  }

  public synchronized ActorRef<NodeIdentity.Command> identity() {
    if (identity == null) {
      identity = system.systemActorOf(NodeIdentity.create(settings.identitySnapshotEvery()),
          "pekko-mule-identity", Props.empty());
    }
    return identity;
  }

  public synchronized ActorRef<RoutingBuckets.Command> buckets() {
    if (buckets == null) {
      buckets = system.systemActorOf(RoutingBuckets.create(settings.buckets()),
          "pekko-mule-buckets", Props.empty());
    }
    return buckets;
  }

  /**
   * Spawns the buckets entity recording its recovery into {@code timings} (benchmarks); refused
   * once the entity runs.
   */
  public synchronized ActorRef<RoutingBuckets.Command> buckets(
      io.pekkomule.persistence.buckets.RecoveryTimings timings) {
    if (buckets != null) {
      throw new IllegalStateException("the buckets entity already runs");
    }
    buckets = system.systemActorOf(
        RoutingBuckets.create(settings.buckets(), timings),
        "pekko-mule-buckets", Props.empty());
    return buckets;
  }

  public synchronized ActorRef<StoredIndex.Command> index() {
    if (index == null) {
      index = system.systemActorOf(
          StoredIndex.create(settings.indexMaxEntries(), settings.indexSnapshotEvery()),
          "pekko-mule-index", Props.empty());
    }
    return index;
  }

  public synchronized ActorRef<OwnPublications.Command> publications() {
    if (publications == null) {
      publications = system.systemActorOf(OwnPublications.create(settings.publicationsSnapshotEvery()),
          "pekko-mule-publications", Props.empty());
    }
    return publications;
  }
}
