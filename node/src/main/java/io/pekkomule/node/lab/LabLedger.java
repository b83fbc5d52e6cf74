package io.pekkomule.node.lab;

import io.pekkomule.node.kad.lookup.LookupType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lab run measured, filled by the lab guardian and read by the runner when the run is
 * over. Synchronized: the runner may read it from another thread in real-time runs.
 */
final class LabLedger {
  /** One finished lookup, judged against the oracle. */
  record Sample(LookupType type, boolean ours, boolean success, int steps, double seconds,
      int found) {}

  private final List<Sample> samples = new ArrayList<>();
  long heapBaselineBytes;
  long heapWarmBytes;
  int nodesAtWarm;
  int knowAllK;
  int judgedNodes;
  long tableEntries;
  long staleEntries;
  int churned;
  int lookupsLost;
  long simulatedNanos;
  long sentDatagrams;
  LabNetwork.Sizes datagramSizes;
  LabNetwork.Sizes steadyDatagramSizes;
  double nodeHours;

  synchronized void add(Sample s) {
    samples.add(s);
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }
}
