package io.pekkomule.node.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The actions the API asks of a running node. Each returns the id of the lookup it started (a
 * publish is a STORE lookup, listed under {@code /api/v1/lookups} too) or fails with an {@link
 * ApiException} that says why (503 not ready, 429 too many running); the API waits at most
 * {@code pekko-mule.management.ask-timeout}.
 */
public interface NodeControl {
  /** Starts a node lookup or a keyword, source or notes search. */
  CompletionStage<String> startLookup(LookupRequest request);

  /** Starts publishing a file's keywords, ourselves as its source, or a note about it. */
  CompletionStage<String> publish(PublishRequest request);

  /** A control for a node that cannot act (not wired yet, stopping): every action answers 503. */
  static NodeControl unavailable(String reason) {
    return new NodeControl() {
      @Override
      public CompletionStage<String> startLookup(LookupRequest request) {
        return CompletableFuture.failedFuture(ApiException.unavailable(reason));
      }

      @Override
      public CompletionStage<String> publish(PublishRequest request) {
        return CompletableFuture.failedFuture(ApiException.unavailable(reason));
      }
    };
  }
}
