package io.pekkomule.node.api;

import com.typesafe.config.Config;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.shaper.ShaperSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * Starts the management HTTP server: API, health, metrics and the dashboard page on one port
 * (docs/api.md). It prints nothing; the caller prints {@link #dashboardUrl}.
 */
public final class ManagementServer {
  private ManagementServer() {}

  /**
   * Validates {@code pekko-mule.management}, loads or creates {@code <dataDir>/api.token}, and
   * binds. The stage fails on bad settings, an unusable token file or a port in use.
   *
   * @param config the node's effective root configuration
   */
  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system,
      Config config,
      Path dataDir,
      NodeView view,
      NodeControl control,
      PrometheusMeterRegistry registry) {
    try {
      ManagementSettings settings = ManagementSettings.fromConfig(config);
      Route route = route(system, config, dataDir, view, control, registry, settings, Clock.systemUTC());
      return Http.get(system).newServerAt(settings.host(), settings.port()).bind(route);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static Route route(ActorSystem<?> system, Config config, Path dataDir, NodeView view,
      NodeControl control, PrometheusMeterRegistry registry, ManagementSettings settings,
      Clock clock) throws java.io.IOException {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(registry, "registry");
    ApiToken token = ApiToken.loadOrCreate(dataDir);
    Optional<ShaperSettings> shaper = config.hasPath(ShaperSettings.ROOT)
        ? Optional.of(ShaperSettings.fromConfig(config))
        : Optional.empty();
    return new ApiRoutes(view, control, registry, token, settings, shaper,
        Materializer.matFromSystem(system), clock).route();
  }

  /** {@code http://HOST:PORT/} of a binding, reachable from this machine. */
  public static String dashboardUrl(ServerBinding binding) {
    InetSocketAddress a = binding.localAddress();
    return ManagementSettings.url(a.getAddress().getHostAddress(), a.getPort());
  }
}
