package io.pekkomule.node.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.pekkomule.node.transport.TransportMetrics.Direction;
import io.pekkomule.node.transport.TransportMetrics.Result;
import io.pekkomule.protocol.I2pDestination;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the I2P transports ({@code sam}, {@code embedded}) share: the small outbound buffer that
 * holds datagrams while the session is down (refusing when full, dropping those older than
 * {@code outbound-max-age} as {@code expired}), the bounded inbound queue (the oldest dropped as
 * {@code queue_full} when full) drained by one dispatch thread, the up/closed state with its
 * condition, the backoff sleep that a close interrupts, and the transport's daemon threads.
 * Sessions, framing and the health details stay in the subclasses.
 */
public abstract class QueuedI2pTransport extends DatagramTransport {
  /** A datagram accepted for sending, with the time it was accepted. */
  protected record Outbound(I2pDestination to, byte[] payload, Instant enqueuedAt) {}

  private final Logger log = LoggerFactory.getLogger(getClass());

  protected final Clock clock;
  protected final TransportMetrics metrics;
  /** Guards session changes; {@link #changed} is signalled on up, down and close. */
  protected final ReentrantLock lock = new ReentrantLock();
  protected final Condition changed = lock.newCondition();

  private final ArrayBlockingQueue<Outbound> outbox;
  private final ArrayDeque<InboundDatagram> inbox = new ArrayDeque<>();
  private final List<Thread> threads = new ArrayList<>();
  private final int inboundQueue;
  private final Duration outboundMaxAge;

  protected volatile boolean closed;
  protected volatile boolean up;
  protected volatile Consumer<InboundDatagram> inbound;

  protected QueuedI2pTransport(MeterRegistry registry, Clock clock, int outboundBuffer,
      int inboundQueue, Duration outboundMaxAge) {
    this.clock = clock;
    this.outbox = new ArrayBlockingQueue<>(outboundBuffer);
    this.inboundQueue = inboundQueue;
    this.outboundMaxAge = outboundMaxAge;
    this.metrics = new TransportMetrics(registry, this::isUp);
  }

  @Override
  public boolean isUp() {
    return up && !closed;
  }

  public TransportMetrics metrics() {
    return metrics;
  }

  // ---- outbound buffer ----------------------------------------------------------------------

  /** Accepts a datagram for sending; false when closed or the buffer is full of fresh ones. */
  protected final boolean enqueueOutbound(I2pDestination to, byte[] datagram) {
    if (closed) {
      return false;
    }
    Outbound o = new Outbound(to, datagram.clone(), clock.instant());
    if (!outbox.offer(o)) {
      dropExpiredOutbound();
      if (!outbox.offer(o)) {
        metrics.datagram(Direction.OUT, Result.QUEUE_FULL);
        return false;
      }
    }
    return true;
  }

  protected final boolean expired(Outbound o) {
    return Duration.between(o.enqueuedAt(), clock.instant()).compareTo(outboundMaxAge) > 0;
  }

  private void dropExpiredOutbound() {
    Outbound head;
    while ((head = outbox.peek()) != null && expired(head)) {
      if (outbox.remove(head)) {
        metrics.datagram(Direction.OUT, Result.EXPIRED);
      }
    }
  }

  /** The next buffered datagram, or null after a second without one. */
  private Outbound nextOutbound() throws InterruptedException {
    return outbox.poll(1, TimeUnit.SECONDS);
  }

  /** Sends one buffered datagram on the session it was handed; false = failed (counted). */
  @FunctionalInterface
  protected interface Delivery<S> {
    boolean deliver(S session, Outbound o);
  }

  /**
   * The writer thread: takes buffered datagrams in order, waits while the session is down (until
   * it is up, the transport closes or the datagram expires), reads the session to send on
   * ({@code current}, null = none) under the lock, counts expired ones and hands the others to
   * {@code delivery}; a successful delivery is counted {@code ok} with its size.
   */
  protected final <S> void writeLoop(java.util.function.Supplier<S> current, Delivery<S> delivery) {
    while (!closed) {
      Outbound o;
      try {
        o = nextOutbound();
      } catch (InterruptedException e) {
        break;
      }
      if (o == null) {
        continue;
      }
      S s;
      lock.lock();
      try {
        while (!up && !closed && !expired(o)) {
          changed.await(250, TimeUnit.MILLISECONDS);
        }
        s = current.get();
      } catch (InterruptedException e) {
        break;
      } finally {
        lock.unlock();
      }
      if (closed) {
        break;
      }
      if (expired(o) || s == null) {
        metrics.datagram(Direction.OUT, Result.EXPIRED);
        continue;
      }
      if (delivery.deliver(s, o)) {
        metrics.datagram(Direction.OUT, Result.OK);
        metrics.size(Direction.OUT, o.payload().length);
      }
    }
  }

  // ---- inbound queue ------------------------------------------------------------------------

  /** Queues a received datagram for the node; the oldest is dropped when the queue is full. */
  protected final void enqueueInbound(InboundDatagram d) {
    synchronized (inbox) {
      if (inbox.size() >= inboundQueue) {
        inbox.pollFirst();
        metrics.datagram(Direction.IN, Result.QUEUE_FULL);
      }
      inbox.addLast(d);
      inbox.notifyAll();
    }
  }

  /** The dispatch thread: hands queued datagrams to {@link #inbound}, one at a time. */
  protected final void dispatchLoop() {
    while (!closed) {
      InboundDatagram d;
      synchronized (inbox) {
        while (inbox.isEmpty() && !closed) {
          try {
            inbox.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        d = inbox.pollFirst();
      }
      if (d == null) {
        continue;
      }
      try {
        inbound.accept(d);
        metrics.datagram(Direction.IN, Result.OK);
      } catch (RuntimeException e) {
        log.warn("inbound datagram callback failed", e);
      }
    }
  }

  // ---- state and threads --------------------------------------------------------------------

  protected final void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Sleeps for {@code d} (a backoff) unless the transport is closed meanwhile. */
  protected final void sleepUnlessClosed(Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    lock.lock();
    try {
      long left;
      while (!closed && (left = deadline - System.nanoTime()) > 0) {
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  protected final void spawn(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  /** After {@link #closed} is set: wakes the dispatch thread, interrupts all and joins them. */
  protected final void stopThreads() {
    synchronized (inbox) {
      inbox.notifyAll();
    }
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      if (t != Thread.currentThread()) {
        try {
          t.join(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
  }
}
