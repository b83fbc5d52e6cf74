package io.pekkomule.node.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pekkomule.protocol.KadId;
import java.io.IOException;
import java.util.Locale;

/**
 * The API's JSON conventions in one mapper: KadIDs as 32 hex digits (MD4 order, as iMule shows
 * them), enums as lower-case names with underscores (as metric tags), instants as ISO-8601 UTC.
 */
public final class ApiJson {
  private ApiJson() {}

  private static final ObjectMapper MAPPER = build();

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** An enum constant as the API spells it. */
  public static String key(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static ObjectMapper build() {
    SimpleModule m = new SimpleModule("pekko-mule-api");
    m.addSerializer(KadId.class, new JsonSerializer<>() {
      @Override
      public void serialize(KadId id, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeString(id.toHex());
      }
    });
    @SuppressWarnings({"rawtypes", "unchecked"})
    JsonSerializer<Enum> enums = new JsonSerializer<>() {
      @Override
      public void serialize(Enum e, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeString(key(e));
      }
    };
    m.addSerializer(Enum.class, enums);
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(m)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();
  }
}
