package io.pekkomule.node.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.pekkomule.node.shaper.DelayDistribution;
import io.pekkomule.node.shaper.ShaperSettings;
import io.pekkomule.node.shaper.UrgencyClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/shaper/histograms}: per urgency class, the measured enqueue-to-transmit
 * delays in bins beside the count the configured distribution expects in the same bins — what the
 * dashboard draws. Bins follow the bounds of {@code shaper_delay_seconds}: one bin up to the
 * first bound at or above the floor, then one per bound up to the first bound at or above the
 * class's max age.
 */
public record ShaperHistograms(Map<String, ClassHistogram> classes) {

  /**
   * One class.
   *
   * @param count delays measured
   * @param above measured delays beyond the last bin
   * @param bins the histogram, in increasing delay
   */
  public record ClassHistogram(
      long count,
      double floorSeconds,
      double ceilingSeconds,
      double maxAgeSeconds,
      double meanSeconds,
      double measuredMeanSeconds,
      long above,
      List<Bin> bins) {}

  /**
   * Delays in {@code (fromSeconds, toSeconds]}.
   *
   * @param expected {@code count} times the probability the configured distribution gives the bin
   */
  public record Bin(double fromSeconds, double toSeconds, long measured, double expected) {}

  public static ShaperHistograms of(MeterRegistry registry, ShaperSettings settings) {
    Map<String, ClassHistogram> out = new LinkedHashMap<>();
    for (UrgencyClass c : UrgencyClass.values()) {
      ShaperSettings.ClassProfile p = settings.classes().get(c);
      out.put(c.key(), of(registry.find("shaper.delay").tag("class", c.key()).timer(), p));
    }
    return new ShaperHistograms(out);
  }

  static ClassHistogram of(Timer timer, ShaperSettings.ClassProfile profile) {
    DelayDistribution d = profile.distribution();
    double floor = d.floorNanos() / 1e9;
    double ceiling = d.ceilingNanos() / 1e9;
    double maxAge = profile.maxAge().toNanos() / 1e9;
    double top = Math.max(maxAge, ceiling);
    long count = 0;
    double mean = 0;
    List<double[]> bounds = new ArrayList<>(); // {bound seconds, cumulative count}
    if (timer != null) {
      var s = timer.takeSnapshot();
      count = s.count();
      mean = s.mean(TimeUnit.SECONDS);
      for (CountAtBucket b : s.histogramCounts()) {
        if (Double.isFinite(b.bucket())) {
          bounds.add(new double[] {b.bucket(TimeUnit.SECONDS), b.count()});
        }
      }
    }
    List<Bin> bins = new ArrayList<>();
    double from = 0;
    double cumFrom = 0;
    for (double[] b : bounds) {
      if (b[0] < floor && bins.isEmpty()) {
        continue; // merged into the first bin
      }
      bins.add(new Bin(from, b[0], Math.round(b[1] - cumFrom),
          count * (cdf(d, b[0]) - cdf(d, from))));
      from = b[0];
      cumFrom = b[1];
      if (b[0] >= top) {
        break;
      }
    }
    long above = Math.max(0, count - Math.round(cumFrom));
    return new ClassHistogram(count, floor, ceiling, maxAge, d.meanNanos() / 1e9, mean, above,
        bins);
  }

  private static double cdf(DelayDistribution d, double seconds) {
    return d.cdf(seconds * 1e9);
  }
}
