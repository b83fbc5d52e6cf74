package io.pekkomule.protocol.search;

import io.pekkomule.protocol.Limits;
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

/** Wire codec of {@link SearchExpr} (spec §7.3; iMule {@code CreateSearchExpressionTree}). */
public final class SearchExprCodec {
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
      w.u8(m.tagName());
    } else if (e instanceof NumericTerm n) {
      w.u8(SearchExpr.OP_NUMERIC).u8(n.op().code());
      tags.write(w, new IntTag(n.tagName(), n.value()));
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

  private static SearchExpr readNode(WireReader r, TagReader tags, int depth)
      throws DecodeException {
    int at = r.position();
    if (depth > tags.limits().maxExpressionDepth()) {
      throw new DecodeException(Reason.OVER_LIMIT, at, "search expression deeper than " + tags.limits().maxExpressionDepth());
    }
    int op = r.u8();
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
