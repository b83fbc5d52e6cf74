package io.pekkomule.persistence;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;

/**
 * Writes the golden journal entries of the current schema into a directory: one {@code .cbor}
 * (payload bytes) and one {@code .manifest} (serializer id and manifest) per event. Run by hand
 * before changing an event's fields; keep the files in {@code src/test/resources/golden/} for
 * ever (see {@code EventSchemaCompatibilityTest}).
 */
public final class GoldenEventWriter {
  private GoldenEventWriter() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "golden");
    try {
      Serialization ser = SerializationExtension.get(system);
      for (var sample : GoldenSamples.current().entrySet()) {
        write(ser, dir, sample.getKey(), sample.getValue());
      }
      for (var sample : GoldenSamples.snapshots().entrySet()) {
        write(ser, dir, sample.getKey(), sample.getValue());
      }
    } finally {
      system.terminate();
    }
  }

  private static void write(Serialization ser, Path dir, String name, Object event)
      throws Exception {
    byte[] bytes = ser.serialize(event).get();
    var serializer = ser.findSerializerFor(event);
    String manifest = Serializers.manifestFor(serializer, event);
    Files.write(dir.resolve(name + ".cbor"), bytes);
    Files.writeString(dir.resolve(name + ".manifest"),
        serializer.identifier() + "\n" + manifest + "\n", StandardCharsets.UTF_8);
    System.out.println(name + ": " + bytes.length + " bytes, manifest " + manifest);
  }
}
