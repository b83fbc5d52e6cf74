package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.contact.AmuleWireContact;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.contact.KadContact;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/** Shared pieces of the message layouts: bounded counts, contact lists, tagged entries. */
final class Codec {
  /** An entry of SEARCH_RES / PUBLISH_KEY_REQ: 16-byte id and at least a tag-count byte. */
  static final int MIN_ENTRY_BYTES = KadId.BYTES + 1;

  private Codec() {}

  /**
   * Validates an element count read at {@code at}: over {@code max} is {@code OVER_LIMIT}, more
   * than the remaining bytes can hold at {@code minBytesEach} is {@code TRUNCATED}. Called before
   * anything is allocated for the elements.
   */
  static void checkCount(WireReader r, int at, int count, int max, int minBytesEach, String what)
      throws DecodeException {
    if (count > max) {
      throw new DecodeException(Reason.OVER_LIMIT, at, count + " " + what + ", limit " + max);
    }
    long need = (long) count * minBytesEach;
    if (r.remaining() < need) {
      throw new DecodeException(
          Reason.TRUNCATED, at, count + " " + what + " need " + need + " bytes, have " + r.remaining());
    }
  }

  /** The rest of the buffer must hold exactly {@code bytes} bytes. */
  static void checkExactly(WireReader r, int at, long bytes, String what) throws DecodeException {
    if (r.remaining() < bytes) {
      throw new DecodeException(Reason.TRUNCATED, at, what + " need " + bytes + " bytes, have " + r.remaining());
    }
    if (r.remaining() > bytes) {
      throw new DecodeException(
          Reason.TRAILING_BYTES, at, what + " need exactly " + bytes + " bytes, have " + r.remaining());
    }
  }

  /** {@code n} Kad2 contacts filling the rest of the buffer exactly (iMule's RES check). */
  static List<Kad2Contact> kad2ContactsExact(WireReader r, int at, int n, int max) throws DecodeException {
    if (n > max) {
      throw new DecodeException(Reason.OVER_LIMIT, at, n + " contacts, limit " + max);
    }
    checkExactly(r, at, (long) n * Kad2Contact.BYTES, n + " contacts");
    return kad2Contacts(r, n);
  }

  /** {@code n} 25-byte kad4 contacts filling the rest of the buffer exactly (aMule's RES check). */
  static List<KadContact> amuleContactsExact(WireReader r, int at, int n, int max) throws DecodeException {
    if (n > max) {
      throw new DecodeException(Reason.OVER_LIMIT, at, n + " contacts, limit " + max);
    }
    checkExactly(r, at, (long) n * AmuleWireContact.BYTES, n + " contacts");
    List<KadContact> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(AmuleWireContact.read(r));
    }
    return out;
  }

  static List<Kad2Contact> kad2Contacts(WireReader r, int n) throws DecodeException {
    List<Kad2Contact> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Kad2Contact.read(r));
    }
    return out;
  }

  static List<Kad1Contact> kad1ContactsExact(WireReader r, int at, int n, int max) throws DecodeException {
    if (n > max) {
      throw new DecodeException(Reason.OVER_LIMIT, at, n + " contacts, limit " + max);
    }
    checkExactly(r, at, (long) n * Kad1Contact.BYTES, n + " contacts");
    List<Kad1Contact> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Kad1Contact.read(r));
    }
    return out;
  }

  static void writeKad2Contacts(WireWriter w, List<Kad2Contact> contacts) {
    for (Kad2Contact c : contacts) {
      c.writeTo(w);
    }
  }

  static void writeKad1Contacts(WireWriter w, List<Kad1Contact> contacts) {
    for (Kad1Contact c : contacts) {
      c.writeTo(w);
    }
  }

  /** {@code u16 n · n × (UInt128 · TagList)}. */
  static List<TaggedEntry> entries(WireReader r, TagReader tags, int max) throws DecodeException {
    int at = r.position();
    int n = r.u16();
    checkCount(r, at, n, max, MIN_ENTRY_BYTES, "entries");
    List<TaggedEntry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      KadId id = KadId.read(r);
      out.add(new TaggedEntry(id, tags.readList(r, tags.limits().maxEntryTags())));
    }
    return out;
  }

  static void writeEntries(WireWriter w, List<TaggedEntry> entries, TagWriter tags) {
    w.u16(entries.size());
    for (TaggedEntry e : entries) {
      e.id().writeTo(w);
      tags.writeList(w, e.tags());
    }
  }

  static int u8(int v, String what) {
    if (v < 0 || v > 0xFF) {
      throw new IllegalArgumentException(what + " must fit in u8: " + v);
    }
    return v;
  }

  static int u16(int v, String what) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException(what + " must fit in u16: " + v);
    }
    return v;
  }

  static long u32(long v, String what) {
    if (v < 0 || v > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(what + " must fit in u32: " + v);
    }
    return v;
  }

  static <T> List<T> maxSize(List<T> list, int max, String what) {
    List<T> copy = List.copyOf(list);
    if (copy.size() > max) {
      throw new IllegalArgumentException(what + ": at most " + max + ", got " + copy.size());
    }
    return copy;
  }

  /** iMule rejects a HELLO whose contact has version 0 ("invalid Kademlia2 version"). */
  static void checkHelloSender(Kad2Contact sender) {
    java.util.Objects.requireNonNull(sender, "sender");
    if (sender.kadVersion() < 1 || sender.kadVersion() > Kad2Contact.MAX_VERSION) {
      throw new IllegalArgumentException("HELLO contact version must be 1..8: " + sender.kadVersion());
    }
  }

  static Kad2Contact readHelloSender(WireReader r) throws DecodeException {
    int at = r.position();
    Kad2Contact c = Kad2Contact.read(r);
    if (c.kadVersion() == 0) {
      throw new DecodeException(Reason.BAD_VALUE, at, "HELLO with Kad version 0");
    }
    return c;
  }
}
