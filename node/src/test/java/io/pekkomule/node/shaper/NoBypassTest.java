package io.pekkomule.node.shaper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiler already stops callers outside this package ({@code transmit} is protected); this
 * catches the remaining hole, a transport subclass or its package calling its own method.
 */
class NoBypassTest {
  private static final Pattern CALL = Pattern.compile("\\.transmit\\s*\\(|(?<!void )\\btransmit\\s*\\(");

  @Test
  void onlyTheShaperSinkCallsTransmit() throws IOException {
    Path src = Path.of(System.getProperty("pekkomule.root", ".."), "node", "src", "main", "java");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(src)) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.endsWith(Path.of("io", "pekkomule", "node", "shaper", "Shaper.java")))
          // The lab's shell around the same ShaperCore policy, for virtual time; its "wire" is the
          // in-memory lab network, never a transport (docs/kad-node.md, "Virtual time").
          .filter(p -> !p.endsWith(Path.of("io", "pekkomule", "node", "lab", "LabShaper.java")))
          .filter(p -> {
            try {
              return Files.readAllLines(p).stream()
                  .map(String::trim)
                  .filter(l -> !l.startsWith("*") && !l.startsWith("//") && !l.startsWith("/**"))
                  .anyMatch(l -> CALL.matcher(l).find());
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          })
          .map(Path::toString)
          .toList();
    }
    assertEquals(List.of(), offenders);
  }
}
