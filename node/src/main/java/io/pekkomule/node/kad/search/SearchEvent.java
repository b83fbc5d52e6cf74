package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.protocol.msg.TaggedEntry;

/** What a search streams to whoever asked: results as they arrive, then exactly one {@link Done}. */
public sealed interface SearchEvent {
  SearchRequest request();

  /** One result that passed iMule's filter, not seen before in this search. */
  record Result(SearchRequest request, TaggedEntry entry) implements SearchEvent {}

  /** The search ended; {@code results} results were streamed. */
  record Done(SearchRequest request, int results, LookupOutcome outcome) implements SearchEvent {}
}
