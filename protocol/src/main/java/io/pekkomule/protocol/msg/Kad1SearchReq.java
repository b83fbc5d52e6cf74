package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.search.SearchExpr;
import io.pekkomule.protocol.search.SearchExprCodec;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;
import java.util.Optional;

/** Kad1 SEARCH_REQ (0x07): {@code UInt128 target · u8 restrictive [· expression]}. Without an expression, restrictive ≠ 0 asks for sources and 0 for keyword results; an expression may follow only when restrictive ≠ 0. */
public record Kad1SearchReq(KadId target, int restrictive, Optional<SearchExpr> expression) implements KadMessage {
  public Kad1SearchReq {
    Objects.requireNonNull(target, "target");
    Codec.u8(restrictive, "restrictive");
    Objects.requireNonNull(expression, "expression");
    if (expression.isPresent() && restrictive == 0) {
      throw new IllegalArgumentException("an expression needs restrictive != 0");
    }
  }

  /** iMule's reading: no expression and restrictive ≠ 0. */
  public boolean isSourceSearch() {
    return expression.isEmpty() && restrictive != 0;
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    target.writeTo(w);
    w.u8(restrictive);
    expression.ifPresent(e -> SearchExprCodec.write(w, e, tags));
  }

  static Kad1SearchReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId target = KadId.read(r);
    int restrictive = r.u8();
    Optional<SearchExpr> expr =
        r.hasRemaining() && restrictive != 0 ? Optional.of(SearchExprCodec.read(r, tags)) : Optional.empty();
    return new Kad1SearchReq(target, restrictive, expr);
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA_SEARCH_REQ.code();
  }

  public static Kad1SearchReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad1SearchReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad1SearchReq.class, Opcode.KADEMLIA_SEARCH_REQ, payload, limits);
  }
}
