package io.pekkomule.node.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transports {@code run --transport NAME} knows, by name: {@code lab} (an in-JVM simulated
 * network of lab peers), {@code sam} (an external I2P router through SAM 3) and {@code embedded}
 * (an I2P router inside the JVM). The plug point: a transport registers one factory here.
 */
public final class TransportRegistry {
  private static final Map<String, TransportFactory> FACTORIES = new LinkedHashMap<>();

  static {
    register(new LabTransportFactory());
    register(new RouterTransportFactory("sam"));
    register(new RouterTransportFactory("embedded"));
  }

  private TransportRegistry() {}

  /** Adds or replaces the factory for {@code factory.name()}. */
  public static synchronized void register(TransportFactory factory) {
    FACTORIES.put(factory.name(), factory);
  }

  public static synchronized Optional<TransportFactory> find(String name) {
    return Optional.ofNullable(FACTORIES.get(name));
  }

  public static synchronized Set<String> names() {
    return Set.copyOf(FACTORIES.keySet());
  }

  /** A name that is reserved but cannot run in this build: fails with {@code message}. */
  static final class UnavailableTransportFactory implements TransportFactory {
    private final String name;
    private final String message;

    UnavailableTransportFactory(String name, String message) {
      this.name = name;
      this.message = message;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Created create(TransportContext context) throws TransportUnavailableException {
      throw new TransportUnavailableException(message);
    }
  }
}
