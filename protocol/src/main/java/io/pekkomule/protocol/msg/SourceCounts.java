package io.pekkomule.protocol.msg;

/**
 * The iMule-only middle of a source PUBLISH_RES: how many sources, and how many complete ones, the
 * storing node now holds for the file (spec §7.2).
 */
public record SourceCounts(long total, long complete) {
  public SourceCounts {
    Codec.u32(total, "total");
    Codec.u32(complete, "complete");
  }
}
