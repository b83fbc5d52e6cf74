package io.pekkomule.node.transport;

import java.util.List;

/**
 * Bad transport configuration ({@code conf/transport.conf}, {@code --transport}, {@code --sam}):
 * every problem found, each naming the full config key, so the operator fixes them in one go.
 */
public final class TransportConfigException extends RuntimeException {
  private final List<String> problems;

  public TransportConfigException(List<String> problems) {
    super(problems.size() == 1 ? "invalid transport configuration: " + problems.get(0)
        : "invalid transport configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, {@code key: what is wrong}. */
  public List<String> problems() {
    return problems;
  }
}
