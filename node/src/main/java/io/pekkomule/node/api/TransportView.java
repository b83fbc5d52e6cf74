package io.pekkomule.node.api;

import java.util.Objects;

/**
 * The transport as the operator sees it.
 *
 * @param kind {@code sam}, {@code embedded}, {@code in-memory} or {@code none}
 * @param detail one human-readable line (e.g. the SAM bridge address or why it is down); no secret
 */
public record TransportView(String kind, boolean up, String detail) {
  public TransportView {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** The view of a real transport: its kind, whether up, and its one-line health summary. */
  public static TransportView of(io.pekkomule.node.transport.TransportHealth h) {
    return new TransportView(h.kind(), h.state() == io.pekkomule.node.transport.TransportHealth
        .State.UP, h.summary());
  }

  public static TransportView none() {
    return new TransportView("none", false, "no transport running");
  }
}
