package io.pekkomule.node.transport.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamReplyTest {
  @Test
  void parsesPlainAndQuotedValues() throws Exception {
    SamReply r =
        SamReply.parse("SESSION STATUS RESULT=I2P_ERROR MESSAGE=\"tunnel \\\"x\\\" failed\" A=b=c");
    assertTrue(r.is("SESSION", "STATUS"));
    assertEquals(Optional.of("tunnel \"x\" failed"), r.get("MESSAGE"));
    assertEquals(Optional.of("b=c"), r.get("A"));
    SamRefusedException e = assertThrows(SamRefusedException.class, () -> r.expectOk(false));
    assertEquals("I2P_ERROR", e.result());
    assertTrue(e.getMessage().contains("tunnel \"x\" failed"));
  }

  @Test
  void destReplyWithoutResultIsOkOnlyWhereOptional() throws Exception {
    SamReply r = SamReply.parse("DEST REPLY PUB=abc PRIV=def");
    r.expectOk(true);
    assertThrows(SamProtocolException.class, () -> r.expectOk(false));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "HELLO",
        "HELLO REPLY RESULT",
        "HELLO REPLY =OK",
        "HELLO REPLY RESULT=\"OK",
        "HELLO REPLY RESULT=\"OK\"X",
        "HELLO REPLY RESULT=OK RESULT=OK",
        "Hello REPLY RESULT=OK",
        "HELLO  REPLY\tRESULT=OK"
      })
  void rejectsMalformedLines(String line) {
    assertThrows(SamProtocolException.class, () -> SamReply.parse(line));
  }

  @Test
  void toStringAndRedactHideKeysAndDestinations() throws Exception {
    String key = "A".repeat(884);
    SamReply r = SamReply.parse("SESSION STATUS RESULT=OK DESTINATION=" + key);
    assertFalse(r.toString().contains("AAAAAAAA"), r.toString());
    assertEquals("SESSION STATUS RESULT=OK DESTINATION=<884 chars>", r.toString());
    assertEquals(
        "DEST REPLY PUB=<516 chars> PRIV=<884 chars>",
        SamReply.redact("DEST REPLY PUB=" + "B".repeat(516) + " PRIV=" + key));
    assertEquals("X <884 chars>", SamReply.redact("X " + key));
  }
}
