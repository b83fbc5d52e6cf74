package io.pekkomule.protocol.files;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared fixtures: {@code <checkout>/../shared/fixtures}, as in CI. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    String root = System.getProperty("pekkomule.root", ".");
    Path p = Path.of(root).resolve("../shared/fixtures").resolve(name).normalize();
    assertTrue(Files.isRegularFile(p), "fixture missing (is ../shared beside the checkout?): " + p);
    return p;
  }

  static byte[] bytes(String name) throws Exception {
    return Files.readAllBytes(path(name));
  }
}
