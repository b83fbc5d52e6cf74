package io.pekkomule.node.kad.search;

import io.pekkomule.node.kad.lookup.LookupActor;
import io.pekkomule.node.kad.lookup.LookupConfig;
import io.pekkomule.node.kad.lookup.LookupType;
import io.pekkomule.node.kad.lookup.Lookups;
import io.pekkomule.node.kad.wire.KadIdentity;
import io.pekkomule.node.shaper.Origin;
import io.pekkomule.node.shaper.UrgencyClass;
import io.pekkomule.protocol.KadId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import io.pekkomule.protocol.keyword.KeywordHasher;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The shell of the {@link CoverPlanner}: two one-shot timers with the planner's gaps. Each search
 * firing starts one cover lookup through {@link Lookups}, exactly as the node's own searches start
 * (same lookup scheduling, INTERACTIVE urgency, the search's data phase, results discarded); each
 * publish firing shares a phantom file and publishes it exactly as the {@link Publisher}
 * publishes a new file: its source, then (once acknowledged) a keyword publish per word, each
 * with ROUTINE urgency, the publish lookups' config and a {@link PublishPhase}. On the wire a
 * cover search is an ordinary search and a cover publish an ordinary publish. {@link Own} and
 * {@link OwnPublish} tell it about the node's own searches and publishes, which the cover rates
 * make up for.
 */
public final class CoverLookups {
  private CoverLookups() {}

  public interface Command {}

  /** The node started one of its own searches. */
  public enum Own implements Command {
    INSTANCE
  }

  /** The node started one of its own publish lookups. */
  public enum OwnPublish implements Command {
    INSTANCE
  }

  private enum Fire implements Command {
    INSTANCE
  }

  private enum FirePublish implements Command {
    INSTANCE
  }

  /** A phantom share's source publish ended with {@code acks} acknowledgements. */
  private record SourceDone(SharedFile file, int acks, boolean keywords) implements Command {}

  /** The vocabulary arrived for a due phantom share. */
  private record PhantomDue(CoverPlanner.Vocabulary vocabulary) implements Command {}

  /** A phantom source publish that stands in for a keyword publish (no vocabulary yet). */
  private record SourceDue(SharedFile file) implements Command {}

  /** Publish one keyword of a phantom share. */
  private record KeywordDue(SharedFile file, String word) implements Command {}

  /** Search and node cover only (no identity: no publish cover). */
  public static Behavior<Command> create(CoverPlanner.Config config, LookupConfig lookups,
      ActorRef<Lookups.Command> lookupsRef, InstantSource clock, long seed) {
    return create(config, lookups, null, null, null, null, lookupsRef, clock, seed);
  }

  /**
   * @param self the node (publish cover: our KadID and stream destination in the entries); null
   *     for no publish cover
   * @param userHash the user hash our source entries carry
   * @param publishLookups the publish lookups' config (as the {@link Publisher}'s)
   * @param vocabulary asked for the vocabulary of real names (the node's index) before each
   *     phantom share: it sends a {@link CoverPlanner.Vocabulary} to the given ref
   */
  public static Behavior<Command> create(CoverPlanner.Config config, LookupConfig lookups,
      KadIdentity self, KadId userHash, LookupConfig publishLookups,
      Consumer<ActorRef<CoverPlanner.Vocabulary>> vocabulary,
      ActorRef<Lookups.Command> lookupsRef, InstantSource clock, long seed) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      SplittableRandom seeds = new SplittableRandom(seed);
      CoverPlanner planner = new CoverPlanner(config, seeds.split());
      SplittableRandom steps = seeds.split();
      boolean publishing = self != null && vocabulary != null
          && config.publishTargetPerHour() > 0;
      ActorRef<CoverPlanner.Vocabulary> vocabularyReplies =
          ctx.messageAdapter(CoverPlanner.Vocabulary.class, PhantomDue::new);
      java.util.function.BiConsumer<RepublishScheduler.Job, Consumer<PublishPhase.Result>> publish =
          (job, done) -> {
            PublishPhase phase = new PublishPhase(job, userHash, self.id(), self.tcpDest(), done);
            LookupType type = job.kind() == RepublishScheduler.JobKind.KEYWORD
                ? LookupType.STOREKEYWORD : LookupType.STOREFILE;
            lookupsRef.tell(new Lookups.Start(new LookupActor.Spec(type, job.target(),
                publishLookups, UrgencyClass.ROUTINE, Origin.COVER, phase),
                ctx.getSystem().ignoreRef()));
          };
      timers.startSingleTimer(Fire.INSTANCE,
          Duration.ofMillis(planner.nextGapMillis(clock.millis())));
      if (publishing) {
        timers.startSingleTimer(FirePublish.INSTANCE,
            Duration.ofMillis(planner.nextPublishGapMillis(clock.millis())));
      }
      return Behaviors.receive(Command.class)
          .onMessageEquals(Own.INSTANCE, () -> {
            planner.own(clock.millis());
            return Behaviors.same();
          })
          .onMessageEquals(OwnPublish.INSTANCE, () -> {
            planner.ownPublish(clock.millis());
            return Behaviors.same();
          })
          .onMessageEquals(Fire.INSTANCE, () -> {
            timers.startSingleTimer(Fire.INSTANCE,
                Duration.ofMillis(planner.nextGapMillis(clock.millis())));
            if (!planner.fire()) {
              return Behaviors.same(); // an own search took this one's place
            }
            CoverPlanner.Cover c = planner.next();
            SearchPhase phase = c.type() == LookupType.NODE ? null
                : new SearchPhase(new SearchRequest(c.type(), c.target(), List.of(), c.size()),
                    e -> { });
            lookupsRef.tell(new Lookups.Start(new LookupActor.Spec(c.type(), c.target(), lookups,
                UrgencyClass.INTERACTIVE, Origin.COVER, phase), ctx.getSystem().ignoreRef()));
            return Behaviors.same();
          })
          .onMessageEquals(FirePublish.INSTANCE, () -> {
            long gap = planner.nextPublishGapMillis(clock.millis());
            if (gap != Long.MAX_VALUE) {
              timers.startSingleTimer(FirePublish.INSTANCE, Duration.ofMillis(gap));
            }
            if (!planner.firePublish()) {
              return Behaviors.same(); // an own publish took this one's place
            }
            vocabulary.accept(vocabularyReplies);
            return Behaviors.same();
          })
          .onMessage(PhantomDue.class, p -> {
            // a phantom share, published as the Publisher publishes a new file: its source
            // first, its keywords only once the source publish was acknowledged. Without a
            // vocabulary of real names, no keyword publish at all: the share's source publish
            // (it carries no name) and two more phantom sources in the keywords' place
            java.util.Optional<SharedFile> named = planner.phantomShare(p.vocabulary());
            SharedFile f = named.orElseGet(planner::phantomSource);
            boolean keywords = named.isPresent();
            ActorRef<Command> me = ctx.getSelf();
            publish.accept(new RepublishScheduler.Job(RepublishScheduler.JobKind.SOURCE,
                f.fileId(), List.of(f)), r -> me.tell(new SourceDone(f, r.acks(), keywords)));
            return Behaviors.same();
          })
          .onMessage(SourceDone.class, d -> {
            if (d.acks() > 0) {
              if (d.keywords()) {
                for (String w : KeywordHasher.publishWords(d.file().name())) {
                  // the Publisher starts queued jobs on its 2 s steps
                  timers.startSingleTimer(new KeywordDue(d.file(), w),
                      Duration.ofMillis(2000 + steps.nextLong(4000)));
                }
              } else {
                for (int i = 1; i < CoverPlanner.LOOKUPS_PER_SHARE; i++) {
                  timers.startSingleTimer(new SourceDue(planner.phantomSource()),
                      Duration.ofMillis(2000 + steps.nextLong(4000)));
                }
              }
            }
            return Behaviors.same();
          })
          .onMessage(SourceDue.class, sd -> {
            publish.accept(new RepublishScheduler.Job(RepublishScheduler.JobKind.SOURCE,
                sd.file().fileId(), List.of(sd.file())), r -> { });
            return Behaviors.same();
          })
          .onMessage(KeywordDue.class, k -> {
            publish.accept(new RepublishScheduler.Job(RepublishScheduler.JobKind.KEYWORD,
                KeywordHasher.hash(k.word()), List.of(k.file())), r -> { });
            return Behaviors.same();
          })
          .build();
    }));
  }
}
