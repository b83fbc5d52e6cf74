package io.pekkomule.node.contract;

/** One harness's verdict and its figure, printed as one line: {@code H4 ordering PASS tau=...}. */
public record HarnessResult(String id, String name, boolean pass, String figures) {
  public String line() {
    return id + " " + name + " " + (pass ? "PASS" : "FAIL") + " " + figures;
  }

  /** How many failing seeds make a statistical harness fail: 2 of 10, i.e. ceil(seeds / 5). */
  public static int failThreshold(int seeds) {
    return Math.max(1, (seeds + 4) / 5);
  }
}
