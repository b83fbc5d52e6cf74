package io.pekkomule.node.lab;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pekkomule.node.api.ApiEvents;
import io.pekkomule.node.api.ManagementServer;
import io.pekkomule.node.api.ManagementSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * The management API over a lab: its own actor system (real time, whatever the lab runs on), a
 * Prometheus registry the lab's nodes record into, the {@link LabWatch} the lab reports to and a
 * {@link LabNodeView} served by the {@link ManagementServer}. Start it, hand {@link #watch()} to
 * {@link LabRunner#run(LabParams, Config, java.util.function.Consumer, LabWatch)}, print
 * {@link #url()} once {@code watch().ready()} completed.
 */
public final class LabDashboard implements AutoCloseable {
  /** The API could not start (bad settings, unusable token file, port in use). */
  public static final class StartFailed extends Exception {
    StartFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Duration POLL = Duration.ofSeconds(2);

  private final ActorSystem<Void> system;
  private final LabWatch watch;
  private final LabNodeView view;
  private final ApiEvents events;
  private final ServerBinding binding;

  private LabDashboard(ActorSystem<Void> system, LabWatch watch, LabNodeView view,
      ApiEvents events, ServerBinding binding) {
    this.system = system;
    this.watch = watch;
    this.view = view;
    this.events = events;
    this.binding = binding;
  }

  /**
   * @param port overrides {@code pekko-mule.management.http.port}; null keeps it
   * @param keepNodes keep a real-time lab's nodes running after its figures
   */
  public static LabDashboard start(Config root, Path dataDir, Integer port, boolean keepNodes)
      throws StartFailed {
    Config config = port == null ? root : ConfigFactory.parseString(
        ManagementSettings.ROOT + ".http.port = " + port).withFallback(root);
    ManagementSettings settings;
    try {
      settings = ManagementSettings.fromConfig(config);
    } catch (ManagementSettings.BadSettingException e) {
      throw new StartFailed(e.getMessage(), e);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // the lab's nodes share one set of meters; per-node gauges would only collide
    registry.config().meterFilter(MeterFilter.deny(id -> id.getType() == Meter.Type.GAUGE));
    LabWatch watch = new LabWatch(registry, keepNodes);
    Config quiet = ConfigFactory.parseString("pekko.loglevel = WARNING\n"
        + "pekko.log-dead-letters = off\n"
        + "pekko.log-dead-letters-during-shutdown = off\n").withFallback(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "lab-api", quiet);
    ApiEvents events = ApiEvents.create(system, settings.eventsBuffer());
    LabNodeView view = new LabNodeView(watch, system, events, POLL);
    try {
      ServerBinding b = ManagementServer.start(system, config, dataDir, view, view, registry)
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new LabDashboard(system, watch, view, events, b);
    } catch (Exception e) {
      view.close();
      system.terminate();
      Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
          ? e.getCause() : e;
      throw new StartFailed("cannot start the management API on " + settings.host() + ":"
          + settings.port() + ": " + c.getMessage(), c);
    }
  }

  public LabWatch watch() {
    return watch;
  }

  public LabNodeView view() {
    return view;
  }

  /** {@code http://127.0.0.1:PORT/}. */
  public String url() {
    return ManagementServer.dashboardUrl(binding);
  }

  @Override
  public void close() {
    view.close();
    events.close();
    binding.unbind();
    watch.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // stopping anyway
    }
  }
}
