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

/** KADEMLIA2_HELLO_REQ (0x0F): {@code C2 (sender: version, id, UDP dest) · TagList}. iMule sends 0 tags. */
public record Kad2HelloReq(Kad2Contact sender, TagList tags) implements Kad2Hello {
  public Kad2HelloReq {
    Codec.checkHelloSender(sender);
    Objects.requireNonNull(tags, "tags");
  }

  /** The request as iMule sends it: our contact and no tags. */
  public static Kad2HelloReq of(Kad2Contact self) {
    return new Kad2HelloReq(self, TagList.EMPTY);
  }

  @Override
  public void writeTo(WireWriter w, TagWriter tagWriter) {
    sender.writeTo(w);
    tagWriter.writeList(w, tags);
  }

  static Kad2HelloReq read(WireReader r, TagReader tags) throws DecodeException {
    Kad2Contact sender = Codec.readHelloSender(r);
    return new Kad2HelloReq(sender, tags.readList(r, tags.limits().maxHelloTags()));
  }

  @Override
  public int opcode() {
    return Opcode.KADEMLIA2_HELLO_REQ.code();
  }

  public static Kad2HelloReq decode(byte[] payload) throws DecodeException {
    return decode(payload, Limits.DEFAULT);
  }

  public static Kad2HelloReq decode(byte[] payload, Limits limits) throws DecodeException {
    return Messages.decodeAs(Kad2HelloReq.class, Opcode.KADEMLIA2_HELLO_REQ, payload, limits);
  }
}
