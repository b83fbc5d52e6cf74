package io.pekkomule.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.node.shaper.OutboundTransport;
import io.pekkomule.node.transport.sam.SamDatagramTransport;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No transport offers a public way to send: the only way out is the shaper's sink calling the
 * protected {@code transmit} (docs/shaper.md, "No bypass"). A public {@code send} added to any
 * transport would fail here.
 */
class TransportSurfaceTest {
  @Test
  void transportsExposeNoPublicSendingMethod() {
    for (Class<?> c :
        List.of(DatagramTransport.class, InMemoryDatagramTransport.class, SamDatagramTransport.class)) {
      assertTrue(OutboundTransport.class.isAssignableFrom(c), c + " goes through the shaper sink");
      List<String> publicSenders =
          Arrays.stream(c.getMethods())
              .filter(m -> Modifier.isPublic(m.getModifiers()))
              .map(Method::getName)
              .filter(n -> n.equals("send") || n.equals("transmit"))
              .toList();
      assertEquals(List.of(), publicSenders, c.getSimpleName());
    }
  }

  @Test
  void theTransportActorCannotSend() {
    List<String> commands =
        Arrays.stream(TransportActor.Command.class.getPermittedSubclasses())
            .map(Class::getSimpleName)
            .toList();
    assertTrue(commands.stream().noneMatch(n -> n.toLowerCase().contains("send")), commands.toString());
  }
}
