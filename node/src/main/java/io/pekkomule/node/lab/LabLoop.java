package io.pekkomule.node.lab;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lab's discrete-event loop on virtual time: one thread (the caller of {@link #runUntil})
 * runs every actor of the lab, one mailbox run at a time, and moves the {@link LabScheduler}'s
 * clock to the next due timer only when no actor has work left. Virtual time therefore never
 * passes while a message is in flight inside the JVM: only timers and simulated network latency
 * take time, and a run is reproducible from its seed.
 *
 * <p>Wiring: an ActorSystem whose default dispatcher uses {@link LabExecutorConfigurator} and
 * whose scheduler is {@link LabScheduler}, both naming this loop ({@link #config}).
 */
public final class LabLoop {
  private static final ConcurrentHashMap<String, LabLoop> LOOPS = new ConcurrentHashMap<>();

  private final String name;
  private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
  private volatile LabScheduler scheduler;
  private long executed;

  private LabLoop(String name) {
    this.name = name;
  }

  /** A new loop registered under a unique name. */
  public static LabLoop create(String name) {
    LabLoop loop = new LabLoop(name);
    if (LOOPS.putIfAbsent(name, loop) != null) {
      throw new IllegalStateException("lab loop " + name + " exists");
    }
    return loop;
  }

  static LabLoop named(String name) {
    LabLoop l = LOOPS.get(name);
    if (l == null) {
      throw new IllegalStateException("no lab loop " + name);
    }
    return l;
  }

  /** Unregisters the loop (after its ActorSystem terminated). */
  public void close() {
    LOOPS.remove(name, this);
  }

  /** HOCON that puts an ActorSystem on this loop. */
  public String config() {
    return "pekko-mule.lab.loop = \"" + name + "\"\n"
        + "pekko.scheduler.implementation = \"" + LabScheduler.class.getName() + "\"\n"
        + "pekko.actor.default-dispatcher {\n"
        + "  executor = \"" + LabExecutorConfigurator.class.getName() + "\"\n"
        + "  lab-loop = \"" + name + "\"\n"
        + "  throughput = 64\n"
        + "}\n"
        // loggers start with a blocking handshake: they keep real threads
        + "pekko.loggers-dispatcher = \"lab-logging-dispatcher\"\n"
        + "lab-logging-dispatcher { type = Dispatcher, executor = \"thread-pool-executor\", "
        + "thread-pool-executor.fixed-pool-size = 1 }\n";
  }

  void attach(LabScheduler s) {
    this.scheduler = s;
  }

  public LabScheduler scheduler() {
    LabScheduler s = scheduler;
    if (s == null) {
      throw new IllegalStateException("no ActorSystem runs on lab loop " + name);
    }
    return s;
  }

  /**
   * Mailbox runs submitted on the loop's own thread (nearly all): a plain deque, no lock. Runs
   * submitted from other threads (start-up, the management API, loggers) wait in {@link
   * #foreign} and are taken first.
   */
  private final ArrayDeque<Runnable> local = new ArrayDeque<>();
  private volatile Thread owner;
  private volatile boolean foreignPending;

  void submit(Runnable r) {
    if (Thread.currentThread() == owner) {
      local.addLast(r);
      return;
    }
    synchronized (ready) {
      ready.addLast(r);
      foreignPending = true;
    }
  }

  private Runnable poll() {
    if (foreignPending) {
      synchronized (ready) {
        Runnable r = ready.pollFirst();
        if (r != null) {
          return r;
        }
        foreignPending = false;
      }
    }
    return local.pollFirst();
  }

  /** Runs every ready task (mailbox runs), including those they make ready. */
  public void drain() {
    owner = Thread.currentThread(); // the thread that runs the lab (one at a time)
    Runnable r;
    while ((r = poll()) != null) {
      r.run();
      executed++;
    }
  }

  /**
   * Runs the lab until virtual time {@code nanos}: drain, then the next timer, and so on; the
   * clock ends at {@code nanos}.
   */
  public void runUntil(long nanos) {
    LabScheduler s = scheduler();
    drain();
    while (s.runNext(nanos)) {
      drain();
    }
    s.advanceTo(nanos);
    drain();
  }

  /** Runs until {@code done} holds (checked whenever the lab is idle) or time {@code limit}. */
  public boolean runUntil(java.util.function.BooleanSupplier done, long limitNanos) {
    LabScheduler s = scheduler();
    drain();
    while (!done.getAsBoolean()) {
      if (!s.runNext(limitNanos)) {
        return done.getAsBoolean();
      }
      drain();
    }
    return true;
  }

  /** Mailbox runs executed so far. */
  public long executed() {
    return executed;
  }
}
