package io.pekkomule.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.persistence.identity.IdentityEvent;
import io.pekkomule.persistence.identity.IdentityOrigin;
import io.pekkomule.protocol.KadId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Journal entries written by earlier schema versions (golden files in {@code golden/}, made by
 * {@link GoldenEventWriter} before a schema change) must still read as today's events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventSchemaCompatibilityTest {
  private final ActorTestKit testKit = ActorTestKit.create();
  private final Serialization serialization = SerializationExtension.get(testKit.system());

  @AfterAll
  void shutdown() {
    testKit.shutdownTestKit();
  }

  private record Golden(int serializerId, String manifest, byte[] payload) {}

  private static Golden golden(String name) throws IOException {
    try (InputStream bytes = resource("golden/" + name + ".cbor");
        InputStream manifest = resource("golden/" + name + ".manifest")) {
      List<String> lines =
          new String(manifest.readAllBytes(), StandardCharsets.UTF_8).strip().lines().toList();
      return new Golden(Integer.parseInt(lines.get(0)), lines.get(1), bytes.readAllBytes());
    }
  }

  private static InputStream resource(String path) throws IOException {
    InputStream in = EventSchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException("missing test resource " + path);
    }
    return in;
  }

  private Object read(String name) throws IOException {
    Golden g = golden(name);
    return serialization.deserialize(g.payload(), g.serializerId(), g.manifest()).get();
  }

  @Test
  void identityCreatedV1ReadsAsCurrentEvent() throws IOException {
    Golden g = golden("identity-created-v1");
    assertFalse(g.manifest().contains("#"), "v1 was written without a version suffix");
    assertEquals(
        new IdentityEvent.IdentityCreated(
            KadId.fromHex("0123456789ABCDEF0011223344556677"),
            0xCAFEF00DL, // v1 stored it as the signed int -889262067
            Instant.parse("2026-11-23T10:00:00Z"),
            IdentityOrigin.GENERATED),
        read("identity-created-v1"));
  }

  /**
   * Every current event has a golden file written by its current schema; it must read back equal,
   * and the serializer must still produce the same manifest for it (a changed manifest without a
   * migration would orphan every stored event of that type).
   */
  @TestFactory
  Stream<DynamicTest> everyGoldenFileReadsAsItsSample() {
    return GoldenSamples.current().entrySet().stream().map(sample -> DynamicTest.dynamicTest(
        sample.getKey(), () -> {
          Golden g = golden(sample.getKey());
          Object event = sample.getValue();
          var serializer = serialization.findSerializerFor(event);
          assertEquals(serializer.identifier(), g.serializerId(), "serializer");
          assertEquals(Serializers.manifestFor(serializer, event), g.manifest(), "manifest");
          assertEquals(event, read(sample.getKey()));
          assertTrue(event instanceof CborSerializable);
        }));
  }

  /**
   * Every snapshot form ever written (golden files) reads back as the sample state: the routing
   * buckets' snapshots before {@code BucketSnapshot} (the state record) and format 1 (columns).
   */
  @TestFactory
  Stream<DynamicTest> everyGoldenSnapshotReadsAsTheSampleState() {
    return GoldenSamples.snapshots().keySet().stream().map(name -> DynamicTest.dynamicTest(name,
        () -> assertEquals(GoldenSamples.bucketState(),
            io.pekkomule.persistence.buckets.BucketSnapshot.read(read(name)))));
  }

  @Test
  void currentIdentityCreatedIsWrittenAsVersion2() {
    var event = new IdentityEvent.IdentityCreated(KadId.fromHex("0123456789ABCDEF0011223344556677"),
        0xCAFEF00DL, Instant.parse("2026-11-23T10:00:00Z"), IdentityOrigin.IMPORTED_PREFERENCES_KAD);
    var serializer = serialization.findSerializerFor(event);
    assertEquals(33, serializer.identifier(), "jackson-cbor");
    String manifest = Serializers.manifestFor(serializer, event);
    assertEquals(IdentityEvent.IdentityCreated.class.getName() + "#2", manifest);
    byte[] bytes = serialization.serialize(event).get();
    assertEquals(event, serialization.deserialize(bytes, 33, manifest).get());
  }
}
