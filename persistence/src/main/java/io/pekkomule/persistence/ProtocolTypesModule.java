package io.pekkomule.persistence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.pekkomule.protocol.I2pDestination;
import io.pekkomule.protocol.KadId;
import java.io.IOException;

/**
 * Jackson forms of the {@code protocol} value types, so persisted events do not depend on how
 * those classes are built: a {@link KadId} is its 32 hex digits (MD4 order, also as a map key), an
 * {@link I2pDestination} its 387 raw bytes. Registered for Pekko's serializers in {@code
 * reference.conf} ({@code pekko.serialization.jackson.jackson-modules}).
 */
public final class ProtocolTypesModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  public ProtocolTypesModule() {
    super("pekko-mule-protocol-types");
    addSerializer(KadId.class, new KadIdSerializer());
    addDeserializer(KadId.class, new KadIdDeserializer());
    addKeySerializer(KadId.class, new KadIdKeySerializer());
    addKeyDeserializer(KadId.class, new KadIdKeyDeserializer());
    addSerializer(I2pDestination.class, new DestinationSerializer());
    addDeserializer(I2pDestination.class, new DestinationDeserializer());
  }

  private static final class KadIdSerializer extends JsonSerializer<KadId> {
    @Override
    public void serialize(KadId v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeString(v.toHex());
    }
  }

  private static final class KadIdKeySerializer extends JsonSerializer<KadId> {
    @Override
    public void serialize(KadId v, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeFieldName(v.toHex());
    }
  }

  private static final class KadIdDeserializer extends JsonDeserializer<KadId> {
    @Override
    public KadId deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (KadId) ctx.handleUnexpectedToken(KadId.class, p);
      }
      try {
        return KadId.fromHex(p.getText());
      } catch (IllegalArgumentException e) {
        return (KadId) ctx.handleWeirdStringValue(KadId.class, p.getText(), e.getMessage());
      }
    }
  }

  private static final class KadIdKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctx) throws IOException {
      try {
        return KadId.fromHex(key);
      } catch (IllegalArgumentException e) {
        return ctx.handleWeirdKey(KadId.class, key, e.getMessage());
      }
    }
  }

  private static final class DestinationSerializer extends JsonSerializer<I2pDestination> {
    @Override
    public void serialize(I2pDestination v, JsonGenerator g, SerializerProvider p)
        throws IOException {
      g.writeBinary(v.toBytes());
    }
  }

  private static final class DestinationDeserializer extends JsonDeserializer<I2pDestination> {
    @Override
    public I2pDestination deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      byte[] raw = p.getBinaryValue();
      try {
        return I2pDestination.of(raw);
      } catch (IllegalArgumentException e) {
        return (I2pDestination) ctx.handleWeirdNativeValue(
            ctx.constructType(I2pDestination.class), raw, p);
      }
    }
  }
}
