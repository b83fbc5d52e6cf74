package io.pekkomule.node.kad.lookup;

import java.time.Duration;

/**
 * iMule's search types with their parameters (spec §11.1, {@code Search.cpp} GetRequestContactCount,
 * GetSearchMaxAnswers, GetCompletedListMaxSize, GetSearchLifetime).
 */
public enum LookupType {
  NODE(11, 1, 1, 120, Kind.NODE),
  NODECOMPLETE(11, 10, 10, 60, Kind.NODE),
  FILE(2, 300, 10, 120, Kind.SEARCH),
  KEYWORD(2, 300, 10, 120, Kind.SEARCH),
  NOTES(2, 50, 10, 120, Kind.SEARCH),
  STOREFILE(4, 10, 10, 120, Kind.STORE),
  STOREKEYWORD(4, 10, 10, 120, Kind.STORE),
  STORENOTES(4, 10, 10, 120, Kind.STORE);

  /** What the nodes that answered a REQ are asked next. */
  enum Kind {
    /** Nothing: the REQ answers are the result. */
    NODE,
    /** A SEARCH_*_REQ, answered by one or more SEARCH_RES packets. */
    SEARCH,
    /** A PUBLISH_*_REQ, answered by one PUBLISH_RES. */
    STORE
  }

  private final int requestCount;
  private final int maxAnswers;
  private final int completedMax;
  private final Duration lifetime;
  private final Kind kind;

  LookupType(int requestCount, int maxAnswers, int completedMax, int lifetimeSeconds, Kind kind) {
    this.requestCount = requestCount;
    this.maxAnswers = maxAnswers;
    this.completedMax = completedMax;
    this.lifetime = Duration.ofSeconds(lifetimeSeconds);
    this.kind = kind;
  }

  /** Contacts asked for in each REQ; a RES with more gets its sender trashed. */
  public int requestCount() {
    return requestCount;
  }

  /** Results after which the lookup may stop. */
  public int maxAnswers() {
    return maxAnswers;
  }

  /** Size of the best-completed list (and completions after which the lookup may stop). */
  public int completedMax() {
    return completedMax;
  }

  /** Idle lifetime, counted from the last activity. */
  public Duration lifetime() {
    return lifetime;
  }

  /** Whether answering nodes get a data request (and the lookup first asks itself). */
  public boolean sendsDataRequests() {
    return kind != Kind.NODE;
  }

  Kind kind() {
    return kind;
  }
}
