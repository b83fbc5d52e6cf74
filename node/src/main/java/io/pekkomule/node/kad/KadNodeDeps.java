package io.pekkomule.node.kad;

import io.pekkomule.node.kad.index.IndexJournal;
import io.pekkomule.node.kad.wire.KadMetrics;
import io.pekkomule.node.kad.wire.ShaperPort;
import io.pekkomule.protocol.contact.FileContact;
import io.pekkomule.protocol.contact.KadContact;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * What a node is given from outside: where its intents go (the shaper), its clock (the system
 * clock in production, virtual time in tests and the lab), a seed for its random streams,
 * metrics, and the contacts to start from (nodes.dat after iMule's reading rules).
 *
 * @param bootstrap contacts for the routing table (a normal nodes.dat)
 * @param markAllVerified nodes.dat held no verified contact, so all are taken as verified
 * @param indexJournal keeps what others published to us across restarts ({@link IndexJournal#NONE}: nothing)
 * @param bootstrapOnly contacts only asked for BOOTSTRAP_RES, never added (a v3 "bootstrap
 *     edition" nodes.dat: {@code NodesDat.Import.bootstrap()})
 */
public record KadNodeDeps(
    ShaperPort shaper,
    InstantSource clock,
    long seed,
    KadMetrics metrics,
    List<FileContact> bootstrap,
    boolean markAllVerified,
    List<KadContact> bootstrapOnly,
    IndexJournal indexJournal,
    io.pekkomule.node.kad.search.PublicationJournal publicationJournal) {

  /** Without an index journal (the lab, tests). */
  public KadNodeDeps(ShaperPort shaper, InstantSource clock, long seed, KadMetrics metrics,
      List<FileContact> bootstrap, boolean markAllVerified, List<KadContact> bootstrapOnly) {
    this(shaper, clock, seed, metrics, bootstrap, markAllVerified, bootstrapOnly,
        IndexJournal.NONE, io.pekkomule.node.kad.search.PublicationJournal.NONE);
  }

  public KadNodeDeps withIndexJournal(IndexJournal j) {
    return new KadNodeDeps(shaper, clock, seed, metrics, bootstrap, markAllVerified,
        bootstrapOnly, j, publicationJournal);
  }

  /** Our shared files and their publication schedule, kept across restarts. */
  public KadNodeDeps withPublicationJournal(io.pekkomule.node.kad.search.PublicationJournal j) {
    return new KadNodeDeps(shaper, clock, seed, metrics, bootstrap, markAllVerified,
        bootstrapOnly, indexJournal, j);
  }

  public KadNodeDeps {
    Objects.requireNonNull(indexJournal, "indexJournal");
    Objects.requireNonNull(publicationJournal, "publicationJournal");
    Objects.requireNonNull(shaper, "shaper");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    bootstrap = List.copyOf(bootstrap);
    bootstrapOnly = List.copyOf(bootstrapOnly);
  }

  /** A node started from a normal nodes.dat. */
  public KadNodeDeps(ShaperPort shaper, InstantSource clock, long seed, KadMetrics metrics,
      List<FileContact> bootstrap, boolean markAllVerified) {
    this(shaper, clock, seed, metrics, bootstrap, markAllVerified, List.of());
  }
}
