package io.pekkomule.persistence.buckets;

import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One persisted routing-table or replacement-cache entry: what iMule keeps per contact (spec §8,
 * §14.1) plus the times the store needs for coalescing and downtime ageing.
 *
 * @param udpKey the UDP verify key the peer gave us (u32, 0 = none)
 * @param udpKeyReceivedOn iMule's {@code udpKeyIP}: the hash of our destination it was received on
 * @param type iMule's liveness class 0 (long alive) … 4 (dead)
 * @param expires when the current class runs out; empty = iMule's "0, set at the next small timer"
 * @param lastSeen the last persisted sign of life (coalesced, see {@link BucketSettings})
 * @param reverifyPending set by downtime ageing; cleared when the contact is seen or verified
 */
public record StoredContact(
    KadId id,
    I2pDestination dest,
    int kadVersion,
    long udpKey,
    int udpKeyReceivedOn,
    boolean verified,
    int type,
    Instant created,
    Optional<Instant> expires,
    Instant lastSeen,
    boolean reverifyPending) {

  public static final int TYPE_BEST = 0;
  public static final int TYPE_NEW = 3;
  public static final int TYPE_DEAD = 4;

  /**
   * Best first, as iMule and the routing table prefer them: verified before unverified, then the
   * lower (better) class, then the most recently seen; the id breaks ties so the order is total.
   */
  public static final Comparator<StoredContact> BEST_FIRST =
      Comparator.comparing((StoredContact c) -> !c.verified())
          .thenComparingInt(StoredContact::type)
          .thenComparing(StoredContact::lastSeen, Comparator.reverseOrder())
          .thenComparing(StoredContact::id);

  public StoredContact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(dest, "dest");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(lastSeen, "lastSeen");
    if (id.isZero()) {
      throw new IllegalArgumentException("zero KadID");
    }
    if (kadVersion < 0 || kadVersion > 255) {
      throw new IllegalArgumentException("kadVersion " + kadVersion);
    }
    if (udpKey < 0 || udpKey > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("udpKey is a u32");
    }
    checkType(type);
  }

  static void checkType(int type) {
    if (type < TYPE_BEST || type > TYPE_DEAD) {
      throw new IllegalArgumentException("contact type must be 0..4, got " + type);
    }
  }

  /** A contact as iMule creates it: type 3, expiry unset, seen now. */
  public static StoredContact fresh(KadId id, I2pDestination dest, int kadVersion, boolean verified,
      Instant now) {
    return new StoredContact(id, dest, kadVersion, 0, 0, verified, TYPE_NEW, now, Optional.empty(),
        now, false);
  }

  /** True when only liveness (type, expiry, lastSeen, reverify flag) differs. */
  public boolean sameEndpoint(StoredContact o) {
    return id.equals(o.id) && dest.equals(o.dest) && kadVersion == o.kadVersion
        && udpKey == o.udpKey && udpKeyReceivedOn == o.udpKeyReceivedOn && verified == o.verified;
  }

  StoredContact seen(int newType, Optional<Instant> newExpires, Instant at) {
    return new StoredContact(id, dest, kadVersion, udpKey, udpKeyReceivedOn, verified, newType,
        created, newExpires, at.isAfter(lastSeen) ? at : lastSeen, false);
  }

  StoredContact aged(int newType, Optional<Instant> newExpires) {
    return new StoredContact(id, dest, kadVersion, udpKey, udpKeyReceivedOn, verified, newType,
        created, newExpires, lastSeen, reverifyPending);
  }

  StoredContact withVerified() {
    return new StoredContact(id, dest, kadVersion, udpKey, udpKeyReceivedOn, true, type, created,
        expires, lastSeen, false);
  }

  StoredContact afterDowntime(int newType) {
    return new StoredContact(id, dest, kadVersion, udpKey, udpKeyReceivedOn, verified, newType,
        created, Optional.empty(), lastSeen, true);
  }
}
