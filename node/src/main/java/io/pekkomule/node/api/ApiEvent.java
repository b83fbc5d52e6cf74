package io.pekkomule.node.api;

import io.pekkomule.node.kad.lookup.Termination;
import io.pekkomule.node.kad.routing.ContactState;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the node tells API clients as it happens ({@code GET /api/v1/events}). The node
 * publishes them into {@link ApiEvents}; each becomes one server-sent event whose {@code event}
 * field is {@link #type()} and whose {@code data} is the record as JSON plus {@code "type"}.
 */
public sealed interface ApiEvent {
  /** The SSE event name, also the {@code "type"} field of the JSON. */
  String type();

  Instant at();

  /** A contact entered, changed state in, or left the routing table. */
  record ContactChanged(Instant at, Change change, KadId kadId, String b32, ContactState state)
      implements ApiEvent {
    /** What happened to the contact. */
    public enum Change {
      ADDED,
      UPDATED,
      REMOVED
    }

    public ContactChanged {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(kadId, "kadId");
    }

    @Override
    public String type() {
      return "contact_changed";
    }
  }

  /** A lookup sent requests, received results, or ended ({@code termination} set). */
  record LookupProgressed(
      Instant at,
      String id,
      LookupKind kind,
      LookupView.State state,
      int requests,
      int results,
      Termination termination)
      implements ApiEvent {
    public LookupProgressed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(state, "state");
    }

    @Override
    public String type() {
      return "lookup_progressed";
    }
  }

  /**
   * The shaper crossed a threshold an operator should see (queue near full, deadline drops,
   * caps hit repeatedly).
   *
   * @param alarm a stable lower-case name, e.g. {@code queue_full}
   * @param value the measured value that raised it
   */
  record ShaperAlarmRaised(Instant at, String alarm, String message, double value)
      implements ApiEvent {
    public ShaperAlarmRaised {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(alarm, "alarm");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String type() {
      return "shaper_alarm_raised";
    }
  }
}
