package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.DataPhase;
import io.pekkomule.node.kad.lookup.LookupOutcome;
import io.pekkomule.node.kad.search.RepublishScheduler.Job;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.msg.Kad2PublishRes;
import io.pekkomule.protocol.msg.KadMessage;
import java.util.List;
import java.util.function.Consumer;

/**
 * The data phase of a publish lookup (STOREFILE, STOREKEYWORD, STORENOTES; spec §12.1): the
 * PUBLISH_*_REQ packets of one {@link Job} for each node the lookup picks, and the PUBLISH_RES
 * answers (acknowledgements and the average load, for the hot-keyword back-off).
 */
public final class PublishPhase implements DataPhase {

  /** How a publish lookup ended: acknowledgements, average load (-1 when none), the outcome. */
  public record Result(Job job, int acks, int averageLoad, LookupOutcome outcome) {}

  private final Job job;
  private final KadId userHash;
  private final KadId selfId;
  private final I2pDestination tcpDest;
  private final Consumer<Result> done;
  private final boolean sourceAckHasCounts;
  private int acks;
  private long loadSum;

  public PublishPhase(Job job, KadId userHash, KadId selfId, I2pDestination tcpDest,
      Consumer<Result> done) {
    this(job, userHash, selfId, tcpDest, true, done);
  }

  /**
   * @param sourceAckHasCounts whether the overlay acknowledges a source with iMule's
   *     source-count shape ({@link io.pekkomule.node.kad.wire.KadDialect#sourceAckHasCounts})
   */
  public PublishPhase(Job job, KadId userHash, KadId selfId, I2pDestination tcpDest,
      boolean sourceAckHasCounts, Consumer<Result> done) {
    this.sourceAckHasCounts = sourceAckHasCounts;
    this.job = job;
    this.userHash = userHash;
    this.selfId = selfId;
    this.tcpDest = tcpDest;
    this.done = done;
  }

  @Override
  public List<KadMessage> requests(KadContact to) {
    // a contact learned via Kad1 (version 0) is asked in Kad2 all the same: every iMule answers
    // Kad2 search and publish opcodes, and we send no Kad1 data requests
    int version = to.version() < 2 ? io.pekkomule.protocol.contact.Kad2Contact.MAX_VERSION : to.version();
    SharedFile f = job.files().get(0);
    return switch (job.kind()) {
      case SOURCE -> List.of(Packets.publishSource(f, userHash, tcpDest, version));
      case KEYWORD -> List.copyOf(Packets.publishKeyword(job.target(), job.files()));
      case NOTES -> List.of(Packets.publishNotes(f, selfId, version));
    };
  }

  /**
   * Sources are answered in iMule's source shape (aMule: the key shape), keywords in the key
   * shape, notes never.
   */
  @Override
  public boolean accepts(Kad2PublishRes res) {
    return switch (job.kind()) {
      case SOURCE -> res.sourceCounts().isPresent() == sourceAckHasCounts;
      case KEYWORD -> res.sourceCounts().isEmpty();
      case NOTES -> false;
    };
  }

  @Override
  public void published(Kad2PublishRes res) {
    acks++;
    loadSum += res.load();
  }

  @Override
  public void finished(LookupOutcome outcome) {
    done.accept(new Result(job, acks, acks == 0 ? -1 : (int) (loadSum / acks), outcome));
  }
}
