package io.pekkomule.protocol.tag;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;

/**
 * Decodes a whole buffer leniently with respect to the tag serial quirk (spec §6 ⚠): first without
 * serials, and if that fails after a tag was touched, once more with serials. Both attempts must
 * consume the buffer exactly; that is what tells the dialects apart (a serial-dialect list misread
 * as plain leaves bytes over or runs short).
 *
 * <p>The dialect applies to the whole buffer, not per tag list: a peer's build either has the serial
 * or not, and a message holding several lists (SEARCH_RES, PUBLISH_KEY_REQ) is written by one build.
 */
public final class DialectDecoder {

  /** Reads one value from a reader whose tags come through the given {@link TagReader}. */
  @FunctionalInterface
  public interface Body<T> {
    T read(WireReader r, TagReader tags) throws DecodeException;
  }

  private DialectDecoder() {}

  public static <T> Dialected<T> decode(byte[] bytes, Limits limits, Body<T> body)
      throws DecodeException {
    TagReader plain = new TagReader(TagDialect.PLAIN, limits);
    try {
      return attempt(bytes, plain, body);
    } catch (DecodeException plainFailure) {
      if (plain.tagsAttempted() == 0) {
        // The failure happened before any tag: a serial cannot change the outcome.
        throw plainFailure;
      }
      try {
        return attempt(bytes, new TagReader(TagDialect.SERIAL, limits), body);
      } catch (DecodeException serialFailure) {
        // Report the plain reading: it is the default and the serial one adds no information.
        throw plainFailure;
      }
    }
  }

  private static <T> Dialected<T> attempt(byte[] bytes, TagReader tags, Body<T> body)
      throws DecodeException {
    WireReader r = new WireReader(bytes);
    T value = body.read(r, tags);
    r.expectEnd();
    return new Dialected<>(value, tags.dialect(), tags.tagsRead() > 0);
  }
}
