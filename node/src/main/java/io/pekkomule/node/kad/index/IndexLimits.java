package io.pekkomule.node.kad.index;

import java.time.Duration;

/**
 * The storing node's limits. {@link #IMULE} holds iMule's values (spec §12.2, {@code Indexed.cpp},
 * {@code include/protocol/kad/Constants.h}); the last two are ours (seed 004: no single publisher
 * may fill the index, whatever it sends).
 *
 * @param keywordLifetime a keyword entry lives this long after its (re)publication (iMule 24 h)
 * @param sourceLifetime a source entry lives this long (iMule 5 h)
 * @param notesLifetime a note lives this long (iMule 24 h; iMule never stores notes, spec §12.4)
 * @param maxKeywordEntries keyword entries over all keys; above it every keyword publish is
 *     refused with load 100 ({@code KADEMLIAMAXENTRIES} 60,000)
 * @param maxFilesPerKeyword files under one keyword; above it refused with load 100 ({@code
 *     KADEMLIAMAXINDEX} 50,000)
 * @param hotKeywordRefresh above this many files, even the refresh of a file already listed is
 *     refused (iMule: {@code KADEMLIAMAXINDEX - 5000})
 * @param maxSourcesPerFile sources of one file; above it the oldest is recycled and load is 100
 *     ({@code KADEMLIAMAXSOURCEPERFILE} 1,000)
 * @param maxNotesPerFile notes of one file, the oldest recycled beyond ({@code
 *     KADEMLIAMAXNOTESPERFILE} 150)
 * @param maxKeywordResults entries one keyword search is answered with (iMule 300)
 * @param maxSourceResults entries one source search is answered with (iMule 300)
 * @param maxNotesResults entries one notes search is answered with (iMule 150)
 * @param cleanEvery expired entries are swept at most this often (iMule: 30 min, triggered by
 *     searches); expired entries are never served in between
 * @param maxEntriesPerPublisher entries of one kind one publisher address may hold at once (ours)
 * @param maxTagsPerEntry tags one published entry may carry (ours; iMule publishes at most ~12)
 */
public record IndexLimits(
    Duration keywordLifetime,
    Duration sourceLifetime,
    Duration notesLifetime,
    int maxKeywordEntries,
    int maxFilesPerKeyword,
    int hotKeywordRefresh,
    int maxSourcesPerFile,
    int maxNotesPerFile,
    int maxKeywordResults,
    int maxSourceResults,
    int maxNotesResults,
    Duration cleanEvery,
    int maxEntriesPerPublisher,
    int maxTagsPerEntry) {

  public static final IndexLimits IMULE = new IndexLimits(
      Duration.ofHours(24), Duration.ofHours(5), Duration.ofHours(24),
      60_000, 50_000, 45_000, 1_000, 150, 300, 300, 150, Duration.ofMinutes(30),
      5_000, 32);

  public IndexLimits {
    if (maxKeywordEntries < 1 || maxFilesPerKeyword < 1 || maxSourcesPerFile < 1
        || maxNotesPerFile < 1 || maxEntriesPerPublisher < 1 || maxTagsPerEntry < 1) {
      throw new IllegalArgumentException("index limits must be positive");
    }
    if (hotKeywordRefresh > maxFilesPerKeyword) {
      throw new IllegalArgumentException("hotKeywordRefresh above maxFilesPerKeyword");
    }
  }

  /** The same limits with small capacities, for tests at each boundary. */
  public IndexLimits withCapacities(int keywordEntries, int filesPerKeyword, int hotRefresh,
      int sourcesPerFile, int notesPerFile, int perPublisher) {
    return new IndexLimits(keywordLifetime, sourceLifetime, notesLifetime, keywordEntries,
        filesPerKeyword, hotRefresh, sourcesPerFile, notesPerFile, maxKeywordResults,
        maxSourceResults, maxNotesResults, cleanEvery, perPublisher, maxTagsPerEntry);
  }
}
