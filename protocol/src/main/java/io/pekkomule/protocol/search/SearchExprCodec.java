package io.pekkomule.protocol.search;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.Overlay;
import io.pekkomule.protocol.tag.DialectDecoder;
import io.pekkomule.protocol.tag.Dialected;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.DecodeException.Reason;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * Wire codec of {@link SearchExpr} (spec §7.3; iMule {@code CreateSearchExpressionTree}). The
 * overlay of the {@link TagWriter} / {@link TagReader} picks the form. Boolean and string nodes
 * are the same in both; kad4 (aMule {@code CreateSearchExpressionTree}) writes a meta term as
 * {@code 0x02 · u16 len · value · u16 1 · u8 tag} and a numeric term as {@code 0x03 · u32 value}
 * (or {@code 0x08 · u64 value} above 32 bits) {@code · u8 op · u16 1 · u8 tag}; tag names of
 * other lengths are not representable here and decode as {@code BAD_EXPRESSION}.
 */
public final class SearchExprCodec {
  /** aMule's numeric node with a 64-bit operand (0x03 carries 32 bits). */
  static final int OP_NUMERIC_64 = 0x08;

  private SearchExprCodec() {}

  /**
   * Writes an expression. Fails with {@link IllegalArgumentException} for a tree deeper than iMule
   * accepts, so that this node never sends an expression a peer must reject.
   */
  public static void write(WireWriter w, SearchExpr e, TagWriter tags) {
    if (e.depth() > Limits.EXPRESSION_DEPTH_MAX) {
      throw new IllegalArgumentException(
          "search expression depth " + e.depth() + " exceeds " + Limits.EXPRESSION_DEPTH_MAX);
    }
    writeNode(w, e, tags);
  }

  public static byte[] encode(SearchExpr e, TagWriter tags) {
    WireWriter w = new WireWriter();
    write(w, e, tags);
    return w.toByteArray();
  }

  private static void writeNode(WireWriter w, SearchExpr e, TagWriter tags) {
    if (e instanceof BoolExpr b) {
      w.u8(SearchExpr.OP_BOOL).u8(b.op().code());
      writeNode(w, b.left(), tags);
      writeNode(w, b.right(), tags);
    } else if (e instanceof StringTerm s) {
      w.u8(SearchExpr.OP_STRING);
      string(w, s.value());
    } else if (e instanceof MetaTerm m) {
      w.u8(SearchExpr.OP_META);
      string(w, m.value());
      if (tags.overlay() == Overlay.AMULE_KAD4) {
        w.u16(1);
      }
      w.u8(m.tagName());
    } else if (e instanceof NumericTerm n) {
      if (tags.overlay() == Overlay.AMULE_KAD4) {
        boolean wide = Long.compareUnsigned(n.value(), 0xFFFFFFFFL) > 0;
        w.u8(wide ? OP_NUMERIC_64 : SearchExpr.OP_NUMERIC);
        if (wide) {
          w.u64(n.value());
        } else {
          w.u32(n.value());
        }
        w.u8(n.op().code()).u16(1).u8(n.tagName());
      } else {
        w.u8(SearchExpr.OP_NUMERIC).u8(n.op().code());
        tags.write(w, new IntTag(n.tagName(), n.value()));
      }
    } else {
      throw new IllegalStateException("unhandled expression kind " + e.getClass());
    }
  }

  private static void string(WireWriter w, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    w.u16(utf8.length).bytes(utf8);
  }

  /**
   * Reads one expression; deeper than {@code tags.limits().maxExpressionDepth()} is
   * {@code OVER_LIMIT}, an undefined operator or a non-integer numeric tag is
   * {@code BAD_EXPRESSION}.
   */
  public static SearchExpr read(WireReader r, TagReader tags) throws DecodeException {
    return readNode(r, tags, 1);
  }

  /** Decodes a buffer holding exactly one expression, in whichever tag dialect parses. */
  public static Dialected<SearchExpr> decode(byte[] encoded, Limits limits) throws DecodeException {
    return DialectDecoder.decode(encoded, limits, SearchExprCodec::read);
  }

  /** Decodes a buffer holding exactly one expression in the overlay's form. */
  public static Dialected<SearchExpr> decode(byte[] encoded, Overlay overlay, Limits limits)
      throws DecodeException {
    if (overlay == Overlay.IMULE_I2P) {
      return decode(encoded, limits);
    }
    WireReader r = new WireReader(encoded);
    SearchExpr e = read(r, TagReader.forOverlay(overlay, limits));
    r.expectEnd();
    return new Dialected<>(e, io.pekkomule.protocol.tag.TagDialect.PLAIN, false);
  }

  private static SearchExpr readNode(WireReader r, TagReader tags, int depth)
      throws DecodeException {
    int at = r.position();
    if (depth > tags.limits().maxExpressionDepth()) {
      throw new DecodeException(Reason.OVER_LIMIT, at, "search expression deeper than " + tags.limits().maxExpressionDepth());
    }
    int op = r.u8();
    if (tags.overlay() == Overlay.AMULE_KAD4 && op != SearchExpr.OP_BOOL && op != SearchExpr.OP_STRING) {
      return readAmuleTerm(r, tags, op, at);
    }
    switch (op) {
      case SearchExpr.OP_BOOL:
        {
          int code = r.u8();
          BoolOp boolOp = BoolOp.fromCode(code);
          if (boolOp == null) {
            throw new DecodeException(Reason.BAD_EXPRESSION, at, "unknown boolean operator " + code);
          }
          SearchExpr left = readNode(r, tags, depth + 1);
          SearchExpr right = readNode(r, tags, depth + 1);
          return new BoolExpr(boolOp, left, right);
        }
      case SearchExpr.OP_STRING:
        return new StringTerm(string(r, tags));
      case SearchExpr.OP_META:
        {
          String value = string(r, tags);
          // iMule's writer puts "u16 1" before the id; its reader takes one byte. A byte 0x01
          // followed by 0x00 can only be that length prefix: no iMule tag id is 1.
          int mark = r.mark();
          if (r.remaining() >= 3 && r.u8() == 0x01 && r.u8() == 0x00) {
            int tagAt = r.position();
            int tag = r.u8();
            if (tag == MetaTerm.AMBIGUOUS_TAG) {
              throw new DecodeException(Reason.BAD_EXPRESSION, tagAt, "meta term with tag id 1");
            }
            return new MetaTerm(tag, value);
          }
          r.reset(mark);
          int tagAt = r.position();
          int tag = r.u8();
          if (tag == MetaTerm.AMBIGUOUS_TAG) {
            throw new DecodeException(Reason.BAD_EXPRESSION, tagAt, "meta term with tag id 1");
          }
          return new MetaTerm(tag, value);
        }
      case SearchExpr.OP_NUMERIC:
        {
          int code = r.u8();
          NumericOp numericOp = NumericOp.fromCode(code);
          if (numericOp == null) {
            throw new DecodeException(Reason.BAD_EXPRESSION, at, "unknown numeric operator " + code);
          }
          int tagAt = r.position();
          Tag tag = tags.readTag(r);
          if (!(tag instanceof IntTag i)) {
            throw new DecodeException(Reason.BAD_EXPRESSION, tagAt, "numeric term without an integer tag");
          }
          return new NumericTerm(numericOp, i.name(), i.value());
        }
      default:
        throw new DecodeException(Reason.BAD_EXPRESSION, at, "unknown search expression node " + op);
    }
  }

  /** kad4 meta and numeric terms, whose tag name is a u16-length string. */
  private static SearchExpr readAmuleTerm(WireReader r, TagReader tags, int op, int at)
      throws DecodeException {
    switch (op) {
      case SearchExpr.OP_META:
        {
          String value = string(r, tags);
          int tagAt = r.position();
          int tag = amuleTagName(r);
          if (tag == MetaTerm.AMBIGUOUS_TAG) {
            throw new DecodeException(Reason.BAD_EXPRESSION, tagAt, "meta term with tag id 1");
          }
          return new MetaTerm(tag, value);
        }
      case SearchExpr.OP_NUMERIC:
      case OP_NUMERIC_64:
        {
          long value = op == SearchExpr.OP_NUMERIC ? r.u32() : r.u64();
          int code = r.u8();
          NumericOp numericOp = NumericOp.fromCode(code);
          if (numericOp == null) {
            throw new DecodeException(Reason.BAD_EXPRESSION, at, "unknown numeric operator " + code);
          }
          return new NumericTerm(numericOp, amuleTagName(r), value);
        }
      default:
        throw new DecodeException(Reason.BAD_EXPRESSION, at, "unknown search expression node " + op);
    }
  }

  private static int amuleTagName(WireReader r) throws DecodeException {
    int at = r.position();
    int len = r.u16();
    if (len != 1) {
      throw new DecodeException(Reason.BAD_EXPRESSION, at, "search tag name of " + len + " bytes");
    }
    return r.u8();
  }

  private static String string(WireReader r, TagReader tags) throws DecodeException {
    int at = r.position();
    int len = r.u16();
    if (len > tags.limits().maxTagValueBytes()) {
      throw new DecodeException(Reason.OVER_LIMIT, at, "search string of " + len + " bytes");
    }
    return TagReader.text(r, len);
  }

  static void checkU16Length(String s) {
    if (StringTerm.utf8Length(s) > 0xFFFF) {
      throw new IllegalArgumentException("search string longer than 65535 UTF-8 bytes");
    }
  }
}
