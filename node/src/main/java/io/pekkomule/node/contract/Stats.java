package io.pekkomule.node.contract;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.apache.commons.math3.complex.Complex;

/** The statistics the contract harnesses use (commons-math3 underneath). */
public final class Stats {
  private Stats() {}

  private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

  /** A KS statistic and its p-value. */
  public record Ks(double d, double p) {}

  /**
   * One-sample KS against a reference CDF. Works for tick-quantized data when the reference is
   * the quantized CDF: D is taken on both sides of every jump, and the continuous p-value is
   * conservative for discrete data.
   */
  public static Ks ksOneSample(double[] x, DoubleUnaryOperator cdf) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    double d = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && s[j] == s[i]) {
        j++;
      }
      double f = cdf.applyAsDouble(s[i]);
      d = Math.max(d, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (double) j / n)));
      i = j;
    }
    return new Ks(d, 1 - KS.cdf(d, n));
  }

  /** Two-sample KS, evaluating the empirical CDFs only after whole tie groups (ties allowed). */
  public static Ks ksTwoSample(double[] x, double[] y) {
    double[] a = x.clone();
    double[] b = y.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length || j < b.length) {
      double v = i < a.length && (j >= b.length || a[i] <= b[j]) ? a[i] : b[j];
      while (i < a.length && a[i] == v) {
        i++;
      }
      while (j < b.length && b[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return new Ks(d, KS.approximateP(d, a.length, b.length));
  }

  /** Kendall's tau (tau-b) of two equally long series; NaN for fewer than 2 points. */
  public static double kendall(double[] x, double[] y) {
    if (x.length < 2) {
      return Double.NaN;
    }
    return new KendallsCorrelation().correlation(x, y);
  }

  /**
   * Mutual information in bits of two discrete variables with values in [0, k), plug-in estimate
   * with the Miller-Madow bias correction.
   */
  public static double mutualInformationBits(int[] a, int[] b, int k) {
    int n = a.length;
    double[][] joint = new double[k][k];
    double[] pa = new double[k];
    double[] pb = new double[k];
    for (int i = 0; i < n; i++) {
      joint[a[i]][b[i]]++;
      pa[a[i]]++;
      pb[b[i]]++;
    }
    double mi = 0;
    int nonZeroJoint = 0;
    int nonZeroA = 0;
    int nonZeroB = 0;
    for (int i = 0; i < k; i++) {
      if (pa[i] > 0) {
        nonZeroA++;
      }
      if (pb[i] > 0) {
        nonZeroB++;
      }
      for (int j = 0; j < k; j++) {
        if (joint[i][j] > 0) {
          nonZeroJoint++;
          mi += joint[i][j] / n * Math.log(joint[i][j] * n / (pa[i] * pb[j]));
        }
      }
    }
    // Miller-Madow: H_hat underestimates H by (m - 1) / 2n per entropy term.
    double bias = ((nonZeroJoint - 1) - (nonZeroA - 1) - (nonZeroB - 1)) / (2.0 * n);
    return Math.max(0, (mi - bias) / Math.log(2));
  }

  public static double quantile(double[] x, double q) {
    double[] s = x.clone();
    Arrays.sort(s);
    if (s.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, idx))];
  }

  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  public static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /** A spectral line test result: the largest ordinate over its local noise level. */
  public record Line(double ratio, double threshold, double frequencyHz) {
    public boolean present() {
      return ratio > threshold;
    }
  }

  /**
   * Looks for a sharp spectral line (a fixed period) in an event series. Events are binned at
   * {@code binSeconds}; each periodogram ordinate is divided by the mean of its neighbours within
   * +-128 bins (a local noise band, so the broad bumps of a jittered renewal process do not count;
   * +-2 guard bins absorb a line's own leakage). Under a locally smooth spectrum the ordinates
   * are independent exponentials, so the ratio is F(2, 2n) distributed with n neighbours:
   * P(ratio > c) = (1 + c/n)^-n. The threshold is the Bonferroni one over all tested ordinates at
   * family-wise {@code alpha}.
   */
  public static Line spectralLine(double[] eventSeconds, double binSeconds, double alpha) {
    double end = 0;
    for (double t : eventSeconds) {
      end = Math.max(end, t);
    }
    int bins = Integer.highestOneBit(Math.max(2, (int) (end / binSeconds))) * 2;
    double[] series = new double[bins];
    for (double t : eventSeconds) {
      int b = (int) (t / binSeconds);
      if (b >= 0 && b < bins) {
        series[b]++;
      }
    }
    double m = mean(series);
    for (int i = 0; i < bins; i++) {
      series[i] -= m;
    }
    Complex[] f =
        new FastFourierTransformer(DftNormalization.STANDARD).transform(series, TransformType.FORWARD);
    int half = bins / 2;
    double[] prefix = new double[half + 1];
    for (int k = 1; k < half; k++) {
      double a = f[k].abs();
      prefix[k + 1] = prefix[k] + a * a;
    }
    int w = 128;
    int guard = 2;
    int neighbours = 2 * (w - guard);
    double best = 0;
    int bestK = 0;
    int tested = 0;
    for (int k = w + 1; k < half - w; k++) {
      double around = (prefix[k + w + 1] - prefix[k - w]) - (prefix[k + guard + 1] - prefix[k - guard]);
      double noise = around / neighbours;
      double pk = prefix[k + 1] - prefix[k];
      tested++;
      if (noise > 0 && pk / noise > best) {
        best = pk / noise;
        bestK = k;
      }
    }
    double threshold =
        neighbours * (Math.pow(Math.max(1, tested) / alpha, 1.0 / neighbours) - 1);
    return new Line(best, threshold, bestK / (bins * binSeconds));
  }
}
