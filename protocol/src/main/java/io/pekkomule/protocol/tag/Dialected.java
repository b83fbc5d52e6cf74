package io.pekkomule.protocol.tag;

import java.util.Objects;

/**
 * A decoded value together with the tag dialect it parsed in.
 *
 * @param dialect the dialect that parsed; {@link TagDialect#PLAIN} when no tag was present
 * @param dialectObserved whether at least one tag was parsed, i.e. whether {@code dialect} is
 *     evidence about the peer (a message without tags says nothing about its sender's build)
 */
public record Dialected<T>(T value, TagDialect dialect, boolean dialectObserved) {
  public Dialected {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(dialect, "dialect");
  }
}
