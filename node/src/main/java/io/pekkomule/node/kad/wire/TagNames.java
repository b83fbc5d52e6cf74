package io.pekkomule.node.kad.wire;

import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.search.BoolExpr;
import io.pekkomule.protocol.search.MetaTerm;
import io.pekkomule.protocol.search.NumericTerm;
import io.pekkomule.protocol.search.SearchExpr;
import io.pekkomule.protocol.tag.AddressTag;
import io.pekkomule.protocol.tag.BlobTag;
import io.pekkomule.protocol.tag.BoolArrayTag;
import io.pekkomule.protocol.tag.BoolTag;
import io.pekkomule.protocol.tag.BsobTag;
import io.pekkomule.protocol.tag.FloatTag;
import io.pekkomule.protocol.tag.HashTag;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.KnownTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.UInt64PairTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Renames tags between overlays by meaning ({@link KnownTag}): the entries our node builds for its
 * own shared files (FILENAME, FILESIZE, SOURCES …) carry iMule's name ids; on kad4 the same
 * meaning has aMule's ids (FILENAME 0x23 → 0x01, FILESIZE 0x24 → 0x02 …). A tag without a meaning
 * in the target overlay (iMule's ADDRESS tags, FLAGS) is left out, as aMule could not read it.
 * Pure; the same overlay in and out returns the list unchanged.
 */
public final class TagNames {
  private TagNames() {}

  public static TagList rename(TagList tags, Overlay from, Overlay to) {
    if (from == to) {
      return tags;
    }
    List<Tag> out = new ArrayList<>(tags.tags().size());
    for (Tag t : tags.tags()) {
      Optional<KnownTag> meaning = KnownTag.of(from, t.name());
      if (meaning.isEmpty() || t instanceof AddressTag) {
        continue;
      }
      OptionalInt id = meaning.get().idIn(to);
      if (id.isEmpty()) {
        continue;
      }
      out.add(withName(t, id.getAsInt()));
    }
    return new TagList(out);
  }

  /**
   * A search expression's tag ids renamed by meaning; a term whose tag has no meaning in the
   * target overlay keeps its id (it then matches nothing there, as an unknown tag would).
   */
  public static SearchExpr rename(SearchExpr e, Overlay from, Overlay to) {
    if (from == to) {
      return e;
    }
    if (e instanceof BoolExpr b) {
      return new BoolExpr(b.op(), rename(b.left(), from, to), rename(b.right(), from, to));
    } else if (e instanceof NumericTerm n) {
      return new NumericTerm(n.op(), renameId(n.tagName(), from, to), n.value());
    } else if (e instanceof MetaTerm m) {
      int id = renameId(m.tagName(), from, to);
      try {
        return new MetaTerm(id, m.value());
      } catch (IllegalArgumentException notRepresentable) {
        return m;
      }
    }
    return e;
  }

  private static int renameId(int id, Overlay from, Overlay to) {
    Optional<KnownTag> meaning = KnownTag.of(from, id);
    if (meaning.isEmpty()) {
      return id;
    }
    return meaning.get().idIn(to).orElse(id);
  }

  private static Tag withName(Tag t, int n) {
    if (t instanceof StringTag s) {
      return new StringTag(n, s.value());
    } else if (t instanceof IntTag i) {
      return new IntTag(n, i.value());
    } else if (t instanceof FloatTag f) {
      return new FloatTag(n, f.bits());
    } else if (t instanceof HashTag h) {
      return new HashTag(n, h.hash());
    } else if (t instanceof BsobTag b) {
      return new BsobTag(n, b.data());
    } else if (t instanceof BlobTag b) {
      return new BlobTag(n, b.data());
    } else if (t instanceof BoolTag b) {
      return new BoolTag(n, b.raw());
    } else if (t instanceof UInt64PairTag u) {
      return new UInt64PairTag(n, u.first(), u.last());
    } else if (t instanceof BoolArrayTag b) {
      return new BoolArrayTag(n, b.bitCount(), b.bits());
    }
    throw new IllegalArgumentException("tag kind not renamable: " + t);
  }
}
