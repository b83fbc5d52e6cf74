package io.pekkomule.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** Shared setup of the event-sourcing test kits. */
public final class EsTestKits {
  private EsTestKits() {}

  /** In-memory journal and snapshot store, our real serialization config. */
  public static Config config() {
    return EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load("application-test"));
  }

  /**
   * Every event and state goes through the real CBOR serializer and must come back equal (value
   * equality); commands are local-only (they carry reply-to refs) and are not checked.
   */
  public static EventSourcedBehaviorTestKit.SerializationSettings serialization() {
    return EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false);
  }
}
