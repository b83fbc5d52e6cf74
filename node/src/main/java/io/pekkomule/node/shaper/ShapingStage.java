package io.pekkomule.node.shaper;

import java.time.Duration;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * The thin stream stage around {@link ShaperCore}: always pulls (the core is the bounded
 * buffer), asks the core what to emit when downstream wants and when a timer fires, and keeps one
 * timer armed at the core's next wake-up. Time comes from Pekko's scheduler (the timer) and the
 * injected clock; on upstream completion it drains what is queued, then completes.
 */
final class ShapingStage extends GraphStage<FlowShape<OutboundIntent, Emission>> {
  private static final Object WAKE = "wake";
  private final Inlet<OutboundIntent> in = Inlet.create("Shaper.in");
  private final Outlet<Emission> out = Outlet.create("Shaper.out");
  private final FlowShape<OutboundIntent, Emission> shape = FlowShape.of(in, out);
  private final ShaperCore core;
  private final ShaperClock clock;
  private final long leadNanos;

  /**
   * {@code tickNanos} is the scheduler's tick. Pekko's scheduler runs a one-shot timer at a tick
   * boundary up to two ticks after its delay, so a timer per due time would make sends up to three
   * ticks late. Instead the stage arms a one-shot timer two ticks before the next due time and,
   * from then on while something is due within two ticks, polls on a per-tick periodic timer: a
   * send leaves at the first tick boundary after its scheduled time (H5: lateness p99 within two
   * ticks), and a busy shaper costs one wake-up per tick instead of one timer per datagram.
   */
  ShapingStage(ShaperCore core, ShaperClock clock, long tickNanos) {
    this.core = core;
    this.clock = clock;
    this.leadNanos = 2 * tickNanos;
    this.tickNanos = tickNanos;
  }

  private final long tickNanos;

  @Override
  public FlowShape<OutboundIntent, Emission> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new TimerGraphStageLogic(shape) {
      private long wakeAt = Long.MAX_VALUE;
      private boolean periodic;
      private boolean draining;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            core.offer(grab(in), clock.nanoTime());
            pull(in);
            step();
          }

          @Override
          public void onUpstreamFinish() {
            draining = true;
            step();
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            step();
          }

          @Override
          public void onDownstreamFinish(Throwable cause) throws Exception {
            core.shutdown();
            super.onDownstreamFinish(cause);
          }
        });
      }

      @Override
      public void preStart() {
        core.start(clock.nanoTime());
        pull(in);
        step();
      }

      @Override
      public void onTimer(Object key) {
        if (!periodic) {
          wakeAt = Long.MAX_VALUE;
        }
        step();
      }

      private void step() {
        long now = clock.nanoTime();
        if (isAvailable(out)) {
          Emission e = core.poll(now);
          if (e != null) {
            push(out, e);
          }
        }
        if (draining && core.queued() == 0) {
          completeStage();
          return;
        }
        long w = core.nextWake(now);
        if (w <= now) {
          return; // ready now: waiting for demand (onPull); a running timer may stay
        }
        if (w - now <= leadNanos) {
          if (!periodic) {
            periodic = true;
            wakeAt = Long.MAX_VALUE;
            scheduleAtFixedRate(WAKE, Duration.ofNanos(tickNanos), Duration.ofNanos(tickNanos));
          }
          return;
        }
        if (periodic) {
          periodic = false;
          cancelTimer(WAKE);
          wakeAt = Long.MAX_VALUE;
        }
        if (w == Long.MAX_VALUE) {
          return;
        }
        long arm = w - leadNanos;
        if (arm < wakeAt || wakeAt <= now) {
          wakeAt = arm;
          scheduleOnce(WAKE, Duration.ofNanos(arm - now));
        }
      }

      @Override
      public void postStop() {
        if (core.queued() > 0) {
          core.shutdown();
        }
      }
    };
  }
}
