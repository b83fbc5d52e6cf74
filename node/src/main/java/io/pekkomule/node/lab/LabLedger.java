package io.pekkomule.node.lab;

import io.pekkomule.node.kad.index.IndexStore;
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
  /** Harness H8: every node's outbound windows with their hidden role (null without roles). */
  List<ParticipationRecorder.Sample> participation;
  long undecodedReqs;
  /** The exploration harness's data REQs (virtual runs), else null. */
  List<ReqRankRecorder.Req> reqRanks;

  /** Publish reach: how many of the 10 closest live nodes hold an entry, per index kind. */
  private final List<int[]> reach = new ArrayList<>();
  /** Searches: kind ordinal and 1 when the searched entry came back. */
  private final List<int[]> searches = new ArrayList<>();
  /** Replica overlap: kind ordinal and the share of a search's answering peers holding the entry. */
  private final List<double[]> overlap = new ArrayList<>();

  synchronized void addReach(IndexStore.Kind kind, int of10) {
    reach.add(new int[] {kind.ordinal(), of10});
  }

  synchronized void addSearch(IndexStore.Kind kind, boolean found) {
    searches.add(new int[] {kind.ordinal(), found ? 1 : 0});
  }

  synchronized void addOverlap(IndexStore.Kind kind, double share) {
    overlap.add(new double[] {kind.ordinal(), share});
  }

  synchronized List<int[]> reach() {
    return List.copyOf(reach);
  }

  synchronized List<int[]> searches() {
    return List.copyOf(searches);
  }

  synchronized List<double[]> overlap() {
    return List.copyOf(overlap);
  }

  synchronized void add(Sample s) {
    samples.add(s);
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }
}
