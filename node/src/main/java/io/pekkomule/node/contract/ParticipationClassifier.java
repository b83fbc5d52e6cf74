package io.pekkomule.node.contract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Harness H8's attacker: simple classifiers that try to tell a client-heavy node's outbound
 * windows from a pure router's, evaluated by k-fold cross-validation grouped by node (a node's
 * windows are all in the training folds or all in the test fold, so the classifier must
 * generalize to nodes it has not seen). Two families: L2-regularized logistic regression on the
 * standardized features, and the best single-feature threshold (decision stump) chosen on the
 * training folds. The attacker's accuracy is the better of the two; chance is the majority
 * class's share. Pure and deterministic for a given seed.
 */
public final class ParticipationClassifier {

  /** Cross-validated figures. */
  public record Result(double accuracy, double chance, double logistic, double stump,
      String stumpFeature, int samples, int nodes) {
    /** H8's criterion: accuracy at most chance + 5 points. */
    public boolean pass() {
      return accuracy <= chance + 0.05;
    }
  }

  private final int folds;
  private final long seed;

  public ParticipationClassifier(int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("need >= 2 folds");
    }
    this.folds = folds;
    this.seed = seed;
  }

  /**
   * @param x one feature vector per window
   * @param y true for a client's window
   * @param group the node each window belongs to
   * @param names feature names (for the stump's report)
   */
  public Result evaluate(double[][] x, boolean[] y, int[] group, List<String> names) {
    int n = x.length;
    if (n == 0) {
      return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN, "-", 0, 0);
    }
    int maxGroup = Arrays.stream(group).max().orElse(0);
    int[] foldOfGroup = new int[maxGroup + 1];
    int[] order = new int[maxGroup + 1];
    for (int i = 0; i <= maxGroup; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = maxGroup; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int i = 0; i <= maxGroup; i++) {
      foldOfGroup[order[i]] = i % folds;
    }
    int logisticOk = 0;
    int stumpOk = 0;
    int[] stumpVotes = new int[names.size()];
    for (int f = 0; f < folds; f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        (foldOfGroup[group[i]] == f ? test : train).add(i);
      }
      if (train.isEmpty() || test.isEmpty()) {
        continue;
      }
      double[][] tx = pick(x, train);
      boolean[] ty = pick(y, train);
      Logistic model = Logistic.fit(tx, ty);
      Stump stump = Stump.fit(tx, ty);
      stumpVotes[stump.feature]++;
      for (int i : test) {
        if (model.predict(x[i]) == y[i]) {
          logisticOk++;
        }
        if (stump.predict(x[i]) == y[i]) {
          stumpOk++;
        }
      }
    }
    int clients = 0;
    for (boolean b : y) {
      if (b) {
        clients++;
      }
    }
    double chance = Math.max(clients, n - clients) / (double) n;
    double logistic = logisticOk / (double) n;
    double st = stumpOk / (double) n;
    int best = 0;
    for (int i = 1; i < stumpVotes.length; i++) {
      if (stumpVotes[i] > stumpVotes[best]) {
        best = i;
      }
    }
    return new Result(Math.max(logistic, st), chance, logistic, st, names.get(best), n,
        (int) Arrays.stream(group).distinct().count());
  }

  private static double[][] pick(double[][] x, List<Integer> rows) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      out[i] = x[rows.get(i)];
    }
    return out;
  }

  private static boolean[] pick(boolean[] y, List<Integer> rows) {
    boolean[] out = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      out[i] = y[rows.get(i)];
    }
    return out;
  }

  /** Logistic regression by full-batch gradient descent on standardized features. */
  static final class Logistic {
    final double[] mean;
    final double[] scale;
    final double[] w;
    double b;

    private Logistic(double[] mean, double[] scale, double[] w) {
      this.mean = mean;
      this.scale = scale;
      this.w = w;
    }

    static Logistic fit(double[][] x, boolean[] y) {
      int d = x[0].length;
      int n = x.length;
      double[] mean = new double[d];
      double[] scale = new double[d];
      for (int j = 0; j < d; j++) {
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
          col[i] = x[i][j];
        }
        mean[j] = new Mean().evaluate(col);
        double s = new StandardDeviation().evaluate(col);
        scale[j] = s > 1e-12 ? s : 1;
      }
      double[][] z = new double[n][d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          z[i][j] = (x[i][j] - mean[j]) / scale[j];
        }
      }
      Logistic m = new Logistic(mean, scale, new double[d]);
      double lr = 0.5;
      double l2 = 1e-3;
      double[] g = new double[d];
      for (int it = 0; it < 400; it++) {
        Arrays.fill(g, 0);
        double gb = 0;
        for (int i = 0; i < n; i++) {
          double p = sigmoid(dot(m.w, z[i]) + m.b);
          double e = p - (y[i] ? 1 : 0);
          for (int j = 0; j < d; j++) {
            g[j] += e * z[i][j];
          }
          gb += e;
        }
        for (int j = 0; j < d; j++) {
          m.w[j] -= lr * (g[j] / n + l2 * m.w[j]);
        }
        m.b -= lr * gb / n;
      }
      return m;
    }

    boolean predict(double[] x) {
      double s = m(x);
      return s > 0;
    }

    private double m(double[] x) {
      double s = b;
      for (int j = 0; j < w.length; j++) {
        s += w[j] * (x[j] - mean[j]) / scale[j];
      }
      return s;
    }

    private static double dot(double[] a, double[] b) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * b[i];
      }
      return s;
    }

    private static double sigmoid(double v) {
      return 1 / (1 + Math.exp(-v));
    }
  }

  /** The single feature and threshold that best separate the training windows. */
  static final class Stump {
    final int feature;
    final double threshold;
    /** True: above the threshold means client. */
    final boolean above;

    private Stump(int feature, double threshold, boolean above) {
      this.feature = feature;
      this.threshold = threshold;
      this.above = above;
    }

    static Stump fit(double[][] x, boolean[] y) {
      int n = x.length;
      int d = x[0].length;
      int clients = 0;
      for (boolean b : y) {
        if (b) {
          clients++;
        }
      }
      int bestOk = -1;
      Stump best = null;
      Integer[] idx = new Integer[n];
      for (int j = 0; j < d; j++) {
        final int jj = j;
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
        Arrays.sort(idx, (a, c) -> Double.compare(x[a][jj], x[c][jj]));
        // threshold below everything: all "above"
        int clientsBelow = 0;
        int routersBelow = 0;
        for (int k = 0; k <= n; k++) {
          if (k == 0 || k == n || x[idx[k - 1]][j] < x[idx[k]][j]) {
            double t = k == 0 ? Double.NEGATIVE_INFINITY
                : k == n ? Double.POSITIVE_INFINITY : (x[idx[k - 1]][j] + x[idx[k]][j]) / 2;
            // above => client: routers below + clients above
            int okAbove = routersBelow + (clients - clientsBelow);
            int okBelow = clientsBelow + ((n - clients) - routersBelow);
            if (okAbove > bestOk) {
              bestOk = okAbove;
              best = new Stump(j, t, true);
            }
            if (okBelow > bestOk) {
              bestOk = okBelow;
              best = new Stump(j, t, false);
            }
          }
          if (k < n) {
            if (y[idx[k]]) {
              clientsBelow++;
            } else {
              routersBelow++;
            }
          }
        }
      }
      return best;
    }

    boolean predict(double[] x) {
      return (x[feature] > threshold) == above;
    }
  }
}
