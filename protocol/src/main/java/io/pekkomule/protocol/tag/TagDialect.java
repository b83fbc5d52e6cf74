package io.pekkomule.protocol.tag;

/**
 * The two tag layouts found on the iMule network (spec §6 ⚠). iMule builds compiled with
 * {@code _DEBUG_TAGS} (hard-coded in the reference source) put a {@code u32} running serial after
 * every tag's name byte, nested tags included; other builds do not. Answer each peer in the form it
 * used.
 */
public enum TagDialect {
  /** {@code type|0x80 · name · value}. */
  PLAIN,
  /** {@code type|0x80 · name · u32 serial · value}. */
  SERIAL
}
