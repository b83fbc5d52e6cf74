package io.pekkomule.node.shaper;

import io.pekkomule.protocol.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory transport for tests, harnesses and the benchmark: counts, optionally records. */
public final class RecordingTransport extends OutboundTransport {
  /** One datagram as it reached the wire. */
  public record Sent(Endpoint destination, byte[] datagram, long atNanos) {}

  private final boolean record;
  private final ShaperClock clock;
  private final List<Sent> sent = new ArrayList<>();
  private final AtomicLong count = new AtomicLong();

  public RecordingTransport(boolean record, ShaperClock clock) {
    this.record = record;
    this.clock = clock;
  }

  @Override
  protected void transmit(Endpoint destination, byte[] datagram) {
    count.incrementAndGet();
    if (record) {
      synchronized (sent) {
        sent.add(new Sent(destination, datagram, clock.nanoTime()));
      }
    }
  }

  public long count() {
    return count.get();
  }

  public List<Sent> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }
}
