package io.pekkomule.node.lab;

import com.typesafe.config.Config;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ThreadFactory;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.Scheduler;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pekko's scheduler replaced by a discrete-event clock (configured with {@code
 * pekko.scheduler.implementation}): tasks wait in a priority queue on virtual time and run only
 * when the {@link LabLoop} moves the clock to them, so every actor timer of every node, the
 * shaper's wake-ups and the lab network's deliveries share one virtual timeline. It is also the
 * nodes' {@link InstantSource}, which keeps the pure machines' clocks on the same timeline.
 * Thread-safe (Pekko's own threads may schedule too).
 */
public final class LabScheduler implements Scheduler, InstantSource {
  /** Virtual time starts here (epoch millis): non-zero, as 0 means "unset" in the tables. */
  public static final long EPOCH_MILLIS = 1_700_000_000_000L;

  private static final class Task implements Cancellable {
    final long seq;
    final Runnable runnable;
    final long interval;
    long at;
    volatile boolean cancelled;

    Task(long at, long seq, Runnable runnable, long interval) {
      this.at = at;
      this.seq = seq;
      this.runnable = runnable;
      this.interval = interval;
    }

    LabScheduler owner;

    @Override
    public boolean cancel() {
      boolean was = cancelled;
      cancelled = true;
      if (!was && owner != null) {
        owner.cancelled();
      }
      return !was;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }
  }

  /**
   * A binary min-heap on (due time, sequence number) whose keys live in primitive arrays: the
   * comparisons of a sift touch two {@code long[]} instead of one scattered task object each
   * (the lab's queue holds hundreds of thousands of timers and datagrams in flight). Keys are
   * unique, so the order tasks run in is exactly the order a {@code PriorityQueue} gives.
   */
  static final class TaskHeap {
    private long[] at = new long[1024];
    private long[] seq = new long[1024];
    private Task[] task = new Task[1024];
    private int size;

    int size() {
      return size;
    }

    boolean isEmpty() {
      return size == 0;
    }

    Task peek() {
      return size == 0 ? null : task[0];
    }

    void add(Task t) {
      if (size == task.length) {
        int n = size * 2;
        at = java.util.Arrays.copyOf(at, n);
        seq = java.util.Arrays.copyOf(seq, n);
        task = java.util.Arrays.copyOf(task, n);
      }
      int i = size++;
      long a = t.at;
      long q = t.seq;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (at[p] < a || (at[p] == a && seq[p] < q)) {
          break;
        }
        at[i] = at[p];
        seq[i] = seq[p];
        task[i] = task[p];
        i = p;
      }
      at[i] = a;
      seq[i] = q;
      task[i] = t;
    }

    Task poll() {
      if (size == 0) {
        return null;
      }
      Task top = task[0];
      int last = --size;
      long a = at[last];
      long q = seq[last];
      Task t = task[last];
      task[last] = null;
      if (last > 0) {
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
          int c = 2 * i + 1;
          int r = c + 1;
          if (r < last && (at[r] < at[c] || (at[r] == at[c] && seq[r] < seq[c]))) {
            c = r;
          }
          if (a < at[c] || (a == at[c] && q < seq[c])) {
            break;
          }
          at[i] = at[c];
          seq[i] = seq[c];
          task[i] = task[c];
          i = c;
        }
        at[i] = a;
        seq[i] = q;
        task[i] = t;
      }
      return top;
    }

    /** Every task, in no particular order. */
    Task[] toArray() {
      return java.util.Arrays.copyOf(task, size);
    }
  }

  private TaskHeap queue = new TaskHeap();
  private long nowNanos;
  private long seq;
  private int cancelledInQueue;

  /** The constructor Pekko calls; registers with the loop named by {@code pekko-mule.lab.loop}. */
  public LabScheduler(Config config, LoggingAdapter log, ThreadFactory threadFactory) {
    LabLoop.named(config.getString("pekko-mule.lab.loop")).attach(this);
  }

  @Override
  public synchronized Cancellable scheduleOnce(FiniteDuration delay, Runnable runnable,
      ExecutionContext executor) {
    Task t = new Task(nowNanos + Math.max(0, delay.toNanos()), seq++, runnable, 0);
    t.owner = this;
    queue.add(t);
    return t;
  }

  @Override
  public synchronized Cancellable schedule(FiniteDuration initialDelay, FiniteDuration interval,
      Runnable runnable, ExecutionContext executor) {
    Task t = new Task(nowNanos + Math.max(0, initialDelay.toNanos()), seq++, runnable,
        Math.max(1, interval.toNanos()));
    t.owner = this;
    queue.add(t);
    return t;
  }

  @Override
  public double maxFrequency() {
    return 1e9;
  }

  /** Virtual nanoseconds since the lab started. */
  public synchronized long nanos() {
    return nowNanos;
  }

  @Override
  public long millis() {
    return EPOCH_MILLIS + nanos() / 1_000_000;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  /**
   * Timers are re-armed all the time (a typed timer cancels its predecessor): once cancelled
   * tasks are most of the queue, rebuild it without them, so memory tracks the live timers.
   */
  private synchronized void cancelled() {
    cancelledInQueue++;
    if (cancelledInQueue > 4096 && cancelledInQueue > queue.size() / 2) {
      TaskHeap live = new TaskHeap();
      for (Task t : queue.toArray()) {
        if (!t.cancelled) {
          live.add(t);
        }
      }
      queue = live;
      cancelledInQueue = 0;
    }
  }

  /** When the earliest live task is due, or {@link Long#MAX_VALUE}. */
  synchronized long nextDue() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
      cancelledInQueue = Math.max(0, cancelledInQueue - 1);
    }
    return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at;
  }

  /**
   * Moves the clock to the earliest task due at or before {@code limit} and runs it; false when
   * there is none.
   */
  boolean runNext(long limit) {
    Task t;
    synchronized (this) {
      if (nextDue() > limit) {
        return false;
      }
      t = queue.poll();
      nowNanos = Math.max(nowNanos, t.at);
      if (t.interval > 0) {
        t.at += t.interval;
        queue.add(t);
      }
    }
    t.runnable.run();
    return true;
  }

  synchronized void advanceTo(long nanos) {
    nowNanos = Math.max(nowNanos, nanos);
  }

  /** Scheduled tasks, live or cancelled (memory checks). */
  synchronized int queued() {
    return queue.size();
  }
}
