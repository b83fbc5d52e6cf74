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
   * One result of a running keyword, source or notes search, as it arrives (the same {@link
   * SearchHit} that {@code GET /api/v1/lookups/{id}} lists under {@code hits}).
   *
   * @param id the lookup's id
   * @param results results so far, this one included
   */
  record LookupResult(Instant at, String id, LookupKind kind, int results, SearchHit hit)
      implements ApiEvent {
    public LookupResult {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(hit, "hit");
    }

    @Override
    public String type() {
      return "lookup_result";
    }
  }

  /**
   * A shaper alarm was raised: a condition held for several checks in a row (see
   * {@code ShaperAlarms}: queue depth, drops, caps hit persistently, cover rate off target, a
   * class's delays drifting from the configured law).
   *
   * @param alarm a stable lower-case name, e.g. {@code queue_depth}, {@code delay_drift_routine}
   * @param value the measured value that raised it
   * @param threshold the raise threshold it reached
   */
  record ShaperAlarmRaised(Instant at, String alarm, String message, double value, double threshold)
      implements ApiEvent {
    public ShaperAlarmRaised {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(alarm, "alarm");
      Objects.requireNonNull(message, "message");
    }

    public ShaperAlarmRaised(Instant at, String alarm, String message, double value) {
      this(at, alarm, message, value, Double.NaN);
    }

    @Override
    public String type() {
      return "shaper_alarm_raised";
    }
  }

  /**
   * A raised shaper alarm cleared: its value stayed at or below the clear threshold for several
   * checks in a row.
   *
   * @param value the measured value at the clear
   * @param threshold the alarm's raise threshold
   */
  record ShaperAlarmCleared(Instant at, String alarm, String message, double value, double threshold)
      implements ApiEvent {
    public ShaperAlarmCleared {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(alarm, "alarm");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String type() {
      return "shaper_alarm_cleared";
    }
  }

  /** The API event of a shaper alarm's raise or clear. */
  static ApiEvent of(io.pekkomule.node.shaper.ShaperAlarms.Transition t) {
    return t.raised()
        ? new ShaperAlarmRaised(t.at(), t.alarm(), t.message(), t.value(), t.threshold())
        : new ShaperAlarmCleared(t.at(), t.alarm(), t.message(), t.value(), t.threshold());
  }
}
