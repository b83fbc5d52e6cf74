package io.pekkomule.node.kad.routing;

import java.time.Duration;

/**
 * iMule's routing-table numbers (spec §8–§10), named once so the table, its tests and the actor
 * shell all use the same values.
 */
public final class KadConstants {
  private KadConstants() {}

  /** Bin size ({@code Defines.h} K). */
  public static final int K = 10;
  /** Levels below which every zone may split ({@code KBASE}). */
  public static final int KBASE = 4;
  /** Beyond KBASE only zones with an index below KK may split ({@code KK}). */
  public static final int KK = 5;
  /** Deepest level a zone may have; a zone at this level never splits. */
  public static final int MAX_LEVEL = 127;
  /** Depth of the full walk in {@code GetBootstrapContacts} ({@code LOG_BASE_EXPONENT}). */
  public static final int LOG_BASE_EXPONENT = 5;
  /** A RES answer carries at most this many contacts (spec §16.1). */
  public static final int MAX_RESPONSE_CONTACTS = 25;
  /** Lookups are seeded with up to this many routing-table contacts (spec §11 "Start"). */
  public static final int LOOKUP_SEEDS = 50;

  /** The liveness class of a new contact. */
  public static final int TYPE_NEW = 3;
  /** The liveness class of a contact that missed its hellos; removed once its expiry passes. */
  public static final int TYPE_DEAD = 4;
  /** RES answers use contacts of this type or better. */
  public static final int TYPE_MAX_FOR_RESPONSES = 2;
  /** Lookup seeds use this type or better before falling back to {@link #TYPE_DEAD}. */
  public static final int TYPE_MAX_FOR_SEEDS = 3;

  public static final Duration SMALL_TIMER = Duration.ofSeconds(60);
  public static final Duration BIG_TIMER = Duration.ofHours(1);
  /** First big timer of a zone, counted from its creation. */
  public static final Duration BIG_TIMER_FIRST = Duration.ofSeconds(10);
  /** Globally at most one zone refresh per this interval. */
  public static final Duration BIG_TIMER_GAP = Duration.ofSeconds(10);
  /** After this long without any received packet, per-zone big timers are ignored. */
  public static final Duration BIG_TIMER_OVERRIDE_AFTER = Duration.ofMinutes(15);
  public static final Duration CONSOLIDATE = Duration.ofMinutes(45);
  public static final Duration SELF_LOOKUP_FIRST = Duration.ofMinutes(1);
  public static final Duration SELF_LOOKUP_PERIOD = Duration.ofHours(4);

  /** {@code CheckingType} escalates a contact at most once per this interval. */
  public static final Duration CHECKING_MIN_INTERVAL = Duration.ofSeconds(10);
  /** {@code CheckingType} gives a contact whose expiry has passed this long to answer. */
  public static final Duration CHECKING_GRACE = Duration.ofMinutes(2);
  /** {@code UpdateType}: age below 1 h gives type 2 expiring after this. */
  public static final Duration TYPE2_LIFETIME = Duration.ofHours(1);
  /** {@code UpdateType}: age 1–2 h gives type 1 expiring after this. */
  public static final Duration TYPE1_LIFETIME = Duration.ofMinutes(90);
  /** {@code UpdateType}: age of 2 h or more gives type 0 expiring after this. */
  public static final Duration TYPE0_LIFETIME = Duration.ofHours(2);
  /** A challenge (and any tracked request) is answerable for this long (spec §8). */
  public static final Duration CHALLENGE_VALIDITY = Duration.ofSeconds(180);
}
