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

/** KADEMLIA2_SEARCH_KEY_REQ (0x14): {@code UInt128 keywordId · u16 startPos [· expression]}; bit 15 of startPos ("restrictive") is set exactly when an expression follows, the low 15 bits count results to skip. */
public record Kad2SearchKeyReq(KadId keywordId, int startPosition, Optional<SearchExpr> expression) implements KadMessage {
  public static final int RESTRICTIVE = 0x8000;

  public Kad2SearchKeyReq {
    Objects.requireNonNull(keywordId, "keywordId");
    if (startPosition < 0 || startPosition > 0x7FFF) {
      throw new IllegalArgumentException("startPosition must fit in 15 bits: " + startPosition);
    }
    Objects.requireNonNull(expression, "expression");
  }

  public boolean restrictive() {
    return expression.isPresent();
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tags) {
    keywordId.writeTo(w);
    w.u16(startPosition | (expression.isPresent() ? RESTRICTIVE : 0));
    expression.ifPresent(e -> SearchExprCodec.write(w, e, tags));
  }

  static Kad2SearchKeyReq read(WireReader r, TagReader tags) throws DecodeException {
    KadId id = KadId.read(r);
    int start = r.u16();
    Optional<SearchExpr> expr =
        (start & RESTRICTIVE) != 0 ? Optional.of(SearchExprCodec.read(r, tags)) : Optional.empty();
    return new Kad2SearchKeyReq(id, start & 0x7FFF, expr);
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_SEARCH_KEY_REQ.code();
  }

  public static Kad2SearchKeyReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2SearchKeyReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2SearchKeyReq.class, Opcode.KADEMLIA2_SEARCH_KEY_REQ, payload, limits);
  }
}
