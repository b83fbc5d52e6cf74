package io.pekkomule.node.api;

import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The node's event bus towards API clients: the node {@link #publish}es from any thread, every
 * {@link #source()} materialization (one per {@code GET /api/v1/events}) sees the events published
 * after it subscribed. Publishing never blocks; when nobody keeps up, events are dropped (a slow
 * client loses its oldest events, never slows the node or other clients).
 */
public final class ApiEvents implements AutoCloseable {
  private final BoundedSourceQueue<ApiEvent> queue;
  private final Source<ApiEvent, NotUsed> hub;
  private final int perSubscriberBuffer;

  private ApiEvents(BoundedSourceQueue<ApiEvent> queue, Source<ApiEvent, NotUsed> hub, int buffer) {
    this.queue = queue;
    this.hub = hub;
    this.perSubscriberBuffer = buffer;
  }

  /**
   * Starts the hub on {@code system}.
   *
   * @param bufferSize events held for each subscriber (and at the entrance) before dropping
   */
  public static ApiEvents create(ActorSystem<?> system, int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be positive");
    }
    Pair<BoundedSourceQueue<ApiEvent>, Source<ApiEvent, NotUsed>> m =
        Source.<ApiEvent>queue(bufferSize)
            .toMat(BroadcastHub.of(ApiEvent.class, 256), Keep.both())
            .run(system);
    // A permanent subscriber keeps the hub draining while no client listens, so a new client
    // starts with fresh events instead of a stale backlog.
    m.second().runWith(Sink.ignore(), system);
    return new ApiEvents(m.first(), m.second(), bufferSize);
  }

  /** Offers an event to every current subscriber; false if it was dropped or the bus is closed. */
  public boolean publish(ApiEvent event) {
    return queue.offer(event) == QueueOfferResult.enqueued();
  }

  /** A stream of the events published from now on; completes when the bus is closed. */
  public Source<ApiEvent, NotUsed> source() {
    return hub.buffer(perSubscriberBuffer, OverflowStrategy.dropHead());
  }

  /** Completes every subscriber's stream. */
  @Override
  public void close() {
    queue.complete();
  }
}
