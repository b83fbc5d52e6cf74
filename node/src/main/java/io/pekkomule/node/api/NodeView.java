package io.pekkomule.node.api;

import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.persistence.identity.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * What the management API reads from a running node. Methods returning a stage may ask actors;
 * the API waits at most {@code pekko-mule.management.ask-timeout} and then answers 503. No method
 * may expose a key or the UDP verify-key secret.
 */
public interface NodeView {
  IdentityView identity();

  Instant startedAt();

  /** The node's version; by default the jar's Implementation-Version, "dev" from classes. */
  default String version() {
    String v = NodeView.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  CompletionStage<TransportView> transport();

  CompletionStage<RoutingView> routing();

  /** Counts only; override when the full table is expensive to copy. */
  default CompletionStage<RoutingSummary> routingSummary() {
    return routing().thenApply(RoutingSummary::of);
  }

  /** Running lookups and the recently finished ones the node still remembers, newest first. */
  CompletionStage<List<LookupView>> lookups();

  /** One lookup with its results; empty if the id is unknown or forgotten. */
  CompletionStage<Optional<LookupDetail>> lookup(String id);

  /** Ready when the transport is up; a node may add conditions (identity loaded, contacts). */
  default CompletionStage<Readiness> readiness() {
    return transport().thenApply(t ->
        t.up() ? Readiness.isReady() : Readiness.notReady("transport down: " + t.detail()));
  }

  /** The shaper settings the node runs with; empty means "as in the configuration". */
  default Optional<ShaperSettings> shaperSettings() {
    return Optional.empty();
  }

  /**
   * Our shared files with their publish items and next times ({@code GET
   * /api/v1/publications}); by default none (a node that does not publish, a lab).
   */
  default CompletionStage<List<PublicationView>> publications() {
    return CompletableFuture.completedFuture(List.of());
  }

  /** The shaper alarms raised now ({@code GET /api/v1/shaper}, {@code /status}); default none. */
  default List<io.pekkomule.node.shaper.ShaperAlarms.Active> shaperAlarms() {
    return List.of();
  }

  /**
   * The durable routing state ({@code GET /api/v1/persistence}); by default 503 (a node without
   * persistence, or a fake).
   */
  default CompletionStage<PersistenceView> persistence() {
    return CompletableFuture.failedFuture(ApiException.unavailable("no persistence in this node"));
  }

  /**
   * The lab this node runs in ({@code GET /api/v1/lab}); empty for a node on its own, which the
   * API answers with 404.
   */
  default CompletionStage<Optional<LabStatus>> lab() {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  /**
   * The routing table of any node of the lab ({@code GET /api/v1/lab/nodes/{id}/routing}); empty
   * for a node the lab does not have (404). By default 404: not a lab.
   */
  default CompletionStage<Optional<RoutingView>> labRouting(io.pekkomule.protocol.KadId node) {
    return CompletableFuture.failedFuture(
        ApiException.notFound("not a lab: this node runs on its own (see pekko-mule lab)"));
  }

  /** Events for {@code GET /api/v1/events}: usually {@link ApiEvents#source()}. */
  Source<ApiEvent, NotUsed> events();

  /**
   * The view of a node that is not wired yet: its identity, no transport, an empty routing
   * table, no lookups, no events.
   */
  static NodeView empty(Identity identity) {
    return empty(IdentityView.of(identity));
  }

  static NodeView empty(IdentityView identity) {
    Objects.requireNonNull(identity, "identity");
    Instant started = Instant.now();
    return new NodeView() {
      @Override
      public IdentityView identity() {
        return identity;
      }

      @Override
      public Instant startedAt() {
        return started;
      }

      @Override
      public CompletionStage<TransportView> transport() {
        return CompletableFuture.completedFuture(TransportView.none());
      }

      @Override
      public CompletionStage<RoutingView> routing() {
        return CompletableFuture.completedFuture(RoutingView.empty());
      }

      @Override
      public CompletionStage<List<LookupView>> lookups() {
        return CompletableFuture.completedFuture(List.of());
      }

      @Override
      public CompletionStage<Optional<LookupDetail>> lookup(String id) {
        return CompletableFuture.completedFuture(Optional.empty());
      }

      @Override
      public Source<ApiEvent, NotUsed> events() {
        return Source.never();
      }
    };
  }
}
