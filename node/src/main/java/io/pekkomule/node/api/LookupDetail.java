package io.pekkomule.node.api;

import java.util.List;

/**
 * One lookup with what it found so far.
 *
 * @param closest the closest answering nodes, closest first (node lookups; the others list the
 *     nodes they asked for data)
 * @param hits search results (empty for node lookups and publishes)
 * @param jobs a publication's store lookups that ended so far (empty for the others)
 */
public record LookupDetail(LookupView lookup, List<ContactView> closest, List<SearchHit> hits,
    List<PublicationView.Job> jobs) {
  public LookupDetail {
    closest = List.copyOf(closest);
    hits = List.copyOf(hits);
    jobs = List.copyOf(jobs);
  }

  public LookupDetail(LookupView lookup, List<ContactView> closest, List<SearchHit> hits) {
    this(lookup, closest, hits, List.of());
  }
}
