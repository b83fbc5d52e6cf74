package io.pekkomule.node.lab;

import io.pekkomule.node.kad.wire.ShaperPort;
import io.pekkomule.node.shaper.CoverGenerator;
import io.pekkomule.node.shaper.Emission;
import io.pekkomule.node.shaper.OutboundIntent;
import io.pekkomule.node.shaper.ShaperCore;
import io.pekkomule.node.shaper.ShaperMetrics;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.protocol.endpoint.Endpoint;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * An adapter that runs the shaper's policy ({@link ShaperCore}: delays, shuffle, caps, deadlines)
 * in one actor per node, on whatever clock the actor system has. The lab's nodes use the
 * production {@code Shaper} graph on a virtual {@code ShaperClock}; this lighter shell serves the
 * node shell tests and the lab with {@code -Dpekko-mule.lab.shaper=core} (about 10 % less CPU,
 * 2.5 instead of 6 KB per node). Same policy either way: only the shell around {@link ShaperCore}
 * differs.
 */
public final class LabShaper {
  private LabShaper() {}

  public interface Command {}

  public record Offer(OutboundIntent intent) implements Command {}

  private enum Wake implements Command {
    INSTANCE
  }

  /** The sending side of a transport: called only by this shaper, at the drawn send time. */
  @FunctionalInterface
  public interface Wire {
    void transmit(Endpoint destination, byte[] datagram);

    /** Told the opcode of what was just transmitted (the lab's size statistics). */
    default void transmitted(int opcode, int bytes) {}
  }

  /** What a node gets: offers become messages to the shaper actor. */
  public static ShaperPort port(ActorRef<Command> shaper) {
    return intent -> {
      shaper.tell(new Offer(intent));
      return true;
    };
  }

  /**
   * @param nanoClock the actor system's clock in nanoseconds (virtual in the lab)
   */
  public static Behavior<Command> create(ShaperSettings settings, long seed,
      ShaperMetrics metrics, LongSupplier nanoClock, Wire wire) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ShaperCore core = new ShaperCore(settings, seed, metrics, CoverGenerator.NONE);
      core.start(nanoClock.getAsLong());
      return new Pump(core, nanoClock, wire, timers).behavior();
    }));
  }

  private static final class Pump {
    private final ShaperCore core;
    private final LongSupplier clock;
    private final Wire wire;
    private final TimerScheduler<Command> timers;
    private long armedAt = Long.MAX_VALUE;

    Pump(ShaperCore core, LongSupplier clock, Wire wire, TimerScheduler<Command> timers) {
      this.core = core;
      this.clock = clock;
      this.wire = wire;
      this.timers = timers;
    }

    Behavior<Command> behavior() {
      return Behaviors.receive(Command.class)
          .onMessage(Offer.class, o -> {
            core.offer(o.intent(), clock.getAsLong());
            pump();
            return Behaviors.same();
          })
          .onMessageEquals(Wake.INSTANCE, () -> {
            armedAt = Long.MAX_VALUE;
            pump();
            return Behaviors.same();
          })
          .onSignal(org.apache.pekko.actor.typed.PostStop.class, s -> {
            core.shutdown();
            return Behaviors.same();
          })
          .build();
    }

    private void pump() {
      long now = clock.getAsLong();
      Emission e;
      while ((e = core.poll(now)) != null) {
        wire.transmit(e.intent().destination(), e.intent().datagram());
        wire.transmitted(e.intent().opcode(), e.intent().datagram().length);
      }
      long wake = core.nextWake(now);
      if (wake == Long.MAX_VALUE) {
        return;
      }
      wake = Math.max(wake, now + 1_000_000);
      if (wake < armedAt) {
        armedAt = wake;
        timers.startSingleTimer(Wake.INSTANCE, Duration.ofNanos(wake - now));
      }
    }
  }
}
