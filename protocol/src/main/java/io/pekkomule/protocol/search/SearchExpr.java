package io.pekkomule.protocol.search;

/**
 * A search expression tree as carried by a restrictive SEARCH_KEY_REQ or Kad1 SEARCH_REQ (spec
 * §7.3). Encoding and decoding live in {@link SearchExprCodec}; evaluation is a separate concern.
 */
public sealed interface SearchExpr permits BoolExpr, StringTerm, MetaTerm, NumericTerm {

  /** Node opcodes, the first byte of every node. */
  int OP_BOOL = 0x00;
  int OP_STRING = 0x01;
  int OP_META = 0x02;
  int OP_NUMERIC = 0x03;

  /** Nodes on the longest root-to-leaf path: a lone term has depth 1. iMule accepts up to 24. */
  int depth();
}
