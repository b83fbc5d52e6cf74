package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.DataPhase;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.msg.KadMessage;
import io.pekkomule.protocol.msg.TaggedEntry;
import io.pekkomule.protocol.search.SearchMatcher;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.TagName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The data phase of a search lookup (spec §11, §11.2): SEARCH_KEY/SOURCE/NOTES_REQ to each node
 * the lookup picks, and iMule's result handling: keyword results need FILENAME and FILESIZE and
 * every query word as a whole word of the name; source results need SOURCETYPE 1 or 3 and a
 * SOURCEDEST; notes need a FILENAME. Each result is streamed once (by answer id).
 */
public final class SearchPhase implements DataPhase {
  private final SearchRequest request;
  private final Consumer<SearchEvent> sink;
  private final Set<KadId> seen = new HashSet<>();
  private final KadMessage packet;

  public SearchPhase(SearchRequest request, Consumer<SearchEvent> sink) {
    this.request = request;
    this.sink = sink;
    this.packet = switch (request.type()) {
      case KEYWORD -> request.words().isEmpty()
          // a cover search: a keyword id without words, no expression
          ? new io.pekkomule.protocol.msg.Kad2SearchKeyReq(request.target(), 0,
              java.util.Optional.empty())
          : Packets.searchKeyword(request.words());
      case FILE -> Packets.searchSources(request.target(), request.size());
      default -> Packets.searchNotes(request.target(), request.size());
    };
  }

  @Override
  public List<KadMessage> requests(KadContact to) {
    // a contact learned via Kad1 (version 0) is asked in Kad2 all the same: every iMule answers
    // Kad2 searches, and we send no Kad1 search packets
    return List.of(packet);
  }

  @Override
  public int results(List<TaggedEntry> entries) {
    int kept = 0;
    for (TaggedEntry e : entries) {
      if (accept(e) && seen.add(e.id())) {
        kept++;
        sink.accept(new SearchEvent.Result(request, e));
      }
    }
    return kept;
  }

  boolean accept(TaggedEntry e) {
    if (request.type() == LookupType.KEYWORD) {
      return SearchMatcher.acceptKeywordResult(request.words(), e.tags());
    }
    if (request.type() == LookupType.FILE) {
      long type = e.tags().intValue(TagName.SOURCETYPE).orElse(-1);
      return (type == 1 || type == 3)
          && e.tags().first(TagName.SOURCEDEST).orElse(null) instanceof AddressTag;
    }
    return e.tags().stringValue(TagName.FILENAME).isPresent();
  }

  @Override
  public void finished(LookupOutcome outcome) {
    sink.accept(new SearchEvent.Done(request, seen.size(), outcome));
  }
}
