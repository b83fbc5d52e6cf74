package io.pekkomule.persistence.buckets;

import java.util.concurrent.CompletableFuture;

/**
 * Optional instrumentation of the bucket entity's recovery, for benchmarks ({@code bench
 * recovery}): when the entity started, when the snapshot arrived (read and deserialized by the
 * snapshot store), how many events were replayed after it, the time spent applying them, and
 * when recovery completed. All times are {@link System#nanoTime()}. Written by the entity's
 * thread only; read after {@link #completed()} (the future publishes the writes).
 */
public final class RecoveryTimings {
  volatile long startNanos;
  volatile long snapshotNanos = -1;
  volatile long events;
  volatile long applyNanos;
  volatile long completedNanos;
  volatile long lastSequenceNr;
  private final CompletableFuture<RecoveryTimings> completed = new CompletableFuture<>();

  /** Completes when the entity has recovered (snapshot + events). */
  public CompletableFuture<RecoveryTimings> completed() {
    return completed;
  }

  void complete(long now, long seqNr) {
    completedNanos = now;
    lastSequenceNr = seqNr;
    completed.complete(this);
  }

  public long startNanos() {
    return startNanos;
  }

  /** When the snapshot reached the entity; the start time when there was none. */
  public long snapshotNanos() {
    return snapshotNanos < 0 ? startNanos : snapshotNanos;
  }

  public boolean hadSnapshot() {
    return snapshotNanos >= 0;
  }

  /** Events replayed after the snapshot. */
  public long events() {
    return events;
  }

  /** Time spent in the event handler while replaying. */
  public long applyNanos() {
    return applyNanos;
  }

  public long completedNanos() {
    return completedNanos;
  }

  /** The entity's sequence number after recovery. */
  public long lastSequenceNr() {
    return lastSequenceNr;
  }
}
