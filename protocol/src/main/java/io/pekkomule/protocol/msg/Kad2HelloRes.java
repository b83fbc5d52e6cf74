package io.pekkomule.protocol.msg;

import io.pekkomule.protocol.Limits;
import io.pekkomule.protocol.contact.Kad2Contact;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagReader;
import io.pekkomule.protocol.tag.TagWriter;
import io.pekkomule.protocol.wire.DecodeException;
import io.pekkomule.protocol.wire.WireReader;
import io.pekkomule.protocol.wire.WireWriter;
import java.util.Objects;

/** KADEMLIA2_HELLO_RES (0x10): {@code C2 · TagList}; a KADMISCOPTIONS tag with bit 0x04 asks for a HELLO_RES_ACK. */
public record Kad2HelloRes(Kad2Contact sender, TagList tags) implements Kad2Hello {
  public Kad2HelloRes {
    Codec.checkHelloSender(sender);
    Objects.requireNonNull(tags, "tags");
  }

  /** A response with no tags, or with KADMISCOPTIONS = 0x04 when an ACK is wanted. */
  public static Kad2HelloRes of(Kad2Contact self, boolean requestAck) {
    return new Kad2HelloRes(self, requestAck ? Kad2Hello.ackRequestTags() : TagList.EMPTY);
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tagWriter) {
    sender.writeTo(w);
    tagWriter.writeList(w, tags);
  }

  static Kad2HelloRes read(WireReader r, TagReader tags) throws DecodeException {
    Kad2Contact sender = Codec.readHelloSender(r);
    return new Kad2HelloRes(sender, tags.readList(r, tags.limits().maxHelloTags()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_HELLO_RES.code();
  }

  public static Kad2HelloRes decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2HelloRes decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2HelloRes.class, Opcode.KADEMLIA2_HELLO_RES, payload, limits);
  }
}
