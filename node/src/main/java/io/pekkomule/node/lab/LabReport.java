package io.pekkomule.node.lab;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one lab run, in the order of the summary line. The first names are fixed API
 * ({@code lab nodes=… lookup_success=… nodecomplete_9of10=… steps_p50=… latency_p50_s=…
 * know_all_k=… heap_per_node_kb=… vs_imule_latency_ratio=…}); more figures follow them.
 */
public record LabReport(Map<String, Object> figures,
    java.util.List<ParticipationRecorder.Sample> participation,
    java.util.List<ReqRankRecorder.Req> dataReqs) {

  /**
   * Harness H8's windows, when the run had roles (else empty), and the exploration harness's data
   * REQs (virtual runs, else empty); neither is part of the line.
   */
  public LabReport {
    participation = participation == null ? java.util.List.of() : participation;
    dataReqs = dataReqs == null ? java.util.List.of() : dataReqs;
  }

  public LabReport(Map<String, Object> figures,
      java.util.List<ParticipationRecorder.Sample> participation) {
    this(figures, participation, java.util.List.of());
  }

  public LabReport(Map<String, Object> figures) {
    this(figures, java.util.List.of());
  }

  public double value(String name) {
    Object v = figures.get(name);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** The one summary line. */
  public String line() {
    StringBuilder sb = new StringBuilder("lab");
    for (Map.Entry<String, Object> e : figures.entrySet()) {
      sb.append(' ').append(e.getKey()).append('=').append(format(e.getValue()));
    }
    return sb.toString();
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      if (d.isNaN()) {
        return "nan";
      }
      return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d)
          : String.format(Locale.ROOT, "%.3f", d);
    }
    return String.valueOf(v);
  }

  static final class Builder {
    private final Map<String, Object> f = new LinkedHashMap<>();
    private java.util.List<ParticipationRecorder.Sample> participation = java.util.List.of();

    Builder participation(java.util.List<ParticipationRecorder.Sample> s) {
      participation = java.util.List.copyOf(s);
      return this;
    }

    private java.util.List<ReqRankRecorder.Req> dataReqs = java.util.List.of();

    Builder dataReqs(java.util.List<ReqRankRecorder.Req> r) {
      dataReqs = java.util.List.copyOf(r);
      return this;
    }

    Builder put(String name, Object value) {
      f.put(name, value);
      return this;
    }

    LabReport build() {
      return new LabReport(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(f)),
          participation, dataReqs);
    }
  }
}
