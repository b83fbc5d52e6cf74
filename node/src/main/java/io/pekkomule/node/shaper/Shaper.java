package io.pekkomule.node.shaper;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The node's one outbound graph, materialized once: a bounded, thread-safe input queue fed by
 * every actor, the shaping stage ({@link ShaperCore}: delay, shuffle, caps, deadlines, cover,
 * constant-rate slots), and the transport sink, the only code that calls {@link
 * OutboundTransport#transmit}.
 */
public final class Shaper {
  private final BoundedSourceQueue<OutboundIntent> queue;
  private final CompletionStage<Done> done;
  private final ShaperMetrics metrics;
  private final ShaperInput input;

  private Shaper(BoundedSourceQueue<OutboundIntent> queue, CompletionStage<Done> done,
      ShaperMetrics metrics) {
    this.queue = queue;
    this.done = done;
    this.metrics = metrics;
    // intents offered by the actors, not yet taken into the shaping stage
    io.micrometer.core.instrument.Gauge.builder("shaper.input.queued", queue,
            BoundedSourceQueue::size)
        .description("intents in the actors' input queue").strongReference(true)
        .register(metrics.registry());
    this.input = intent -> {
      QueueOfferResult r = queue.offer(Objects.requireNonNull(intent));
      if (r == QueueOfferResult.enqueued()) {
        return true;
      }
      metrics.dropped(ShaperMetrics.DropReason.INPUT_FULL);
      return false;
    };
  }

  public static Builder builder(ActorSystem<?> system, ShaperSettings settings,
      OutboundTransport transport) {
    return new Builder(system, settings, transport);
  }

  /** What actors get: offer intents, nothing else. */
  public ShaperInput input() {
    return input;
  }

  public ShaperMetrics metrics() {
    return metrics;
  }

  /** Stops accepting intents; the graph drains what is queued, then completes {@link #done}. */
  public void stop() {
    queue.complete();
  }

  public CompletionStage<Done> done() {
    return done;
  }

  /** Optional parts of the graph; defaults are the production choices. */
  public static final class Builder {
    private final ActorSystem<?> system;
    private final ShaperSettings settings;
    private final OutboundTransport transport;
    private long seed = new SecureRandom().nextLong();
    private ShaperMetrics metrics;
    private CoverGenerator cover = CoverGenerator.NONE;
    private ShaperClock clock = ShaperClock.SYSTEM;
    private SendProbe probe = SendProbe.NONE;

    private Builder(ActorSystem<?> system, ShaperSettings settings, OutboundTransport transport) {
      this.system = Objects.requireNonNull(system);
      this.settings = Objects.requireNonNull(settings);
      this.transport = Objects.requireNonNull(transport);
    }

    /** Seeds every random choice (tests, harnesses); production draws it from SecureRandom. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Builder meterRegistry(MeterRegistry r) {
      this.metrics = new ShaperMetrics(r);
      return this;
    }

    /** Shares one set of meters between many shapers (the lab's thousands of nodes). */
    public Builder metrics(ShaperMetrics m) {
      this.metrics = Objects.requireNonNull(m);
      return this;
    }

    public Builder cover(CoverGenerator c) {
      this.cover = Objects.requireNonNull(c);
      return this;
    }

    public Builder clock(ShaperClock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    public Builder probe(SendProbe p) {
      this.probe = Objects.requireNonNull(p);
      return this;
    }

    public Shaper start() {
      ShaperMetrics m = metrics != null ? metrics : ShaperMetrics.inMemory();
      ShaperCore core = new ShaperCore(settings, seed, m, cover);
      OutboundTransport wire = transport;
      SendProbe p = probe;
      Pair<BoundedSourceQueue<OutboundIntent>, CompletionStage<Done>> mat =
          Source.<OutboundIntent>queue(settings.inputBuffer())
              .via(new ShapingStage(core, clock, system.settings().config()
                  .getDuration("pekko.scheduler.tick-duration").toNanos()))
              .toMat(
                  Sink.foreach(
                      e -> {
                        wire.transmit(e.intent().destination(), e.intent().datagram());
                        p.onSend(e);
                      }),
                  Keep.both())
              .named("shaper")
              .run(Materializer.matFromSystem(system));
      return new Shaper(mat.first(), mat.second(), m);
    }
  }
}
