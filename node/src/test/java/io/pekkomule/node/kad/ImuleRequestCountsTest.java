package io.pekkomule.node.kad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.search.Publisher;
import org.junit.jupiter.api.Test;

/**
 * The REQ count byte is read by every node we ask, so the shipped defaults must send iMule's
 * counts (Search.cpp: NODE/NODECOMPLETE 11, FILE/KEYWORD/NOTES 2, STORE* 4). The 11-contact
 * search/publish settings are lab-only system properties and must not become the default.
 */
class ImuleRequestCountsTest {

  @Test
  void searchesAskIMulesTwoContactsByDefault() {
    LookupConfig searches = LookupConfig.IMULE.withRequestCount(KadNode.SEARCH_REQUEST_COUNT);
    assertEquals(2, searches.requestCount(LookupType.KEYWORD));
    assertEquals(2, searches.requestCount(LookupType.FILE));
    assertEquals(2, searches.requestCount(LookupType.NOTES));
  }

  @Test
  void publishesAskIMulesFourContactsByDefault() {
    LookupConfig publishes = Publisher.Settings.ROUTINE_LOOKUPS;
    assertEquals(4, publishes.requestCount(LookupType.STOREKEYWORD));
    assertEquals(4, publishes.requestCount(LookupType.STOREFILE));
    assertEquals(4, publishes.requestCount(LookupType.STORENOTES));
  }

  @Test
  void nodeLookupsKeepIMulesEleven() {
    assertEquals(11, LookupConfig.IMULE.requestCount(LookupType.NODE));
    assertEquals(11, LookupConfig.IMULE.requestCount(LookupType.NODECOMPLETE));
    // a raised count shows on the wire: the override is what the lab-only properties do
    assertEquals(11, LookupConfig.IMULE.withRequestCount(11).requestCount(LookupType.KEYWORD));
  }
}
