package io.pekkomule.persistence;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * What every entity does when the journal fails (write or recovery): restart with back-off, so a
 * briefly unreachable database (PostgreSQL restart, a slow disk) does not stop the node's store.
 */
public final class JournalSupervision {
  private JournalSupervision() {}

  public static final BackoffSupervisorStrategy ON_JOURNAL_FAILURE =
      SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
}
