package io.pekkomule.node.transport.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link EmbeddedPeerMain} from this test classpath. Its {@code PEER} lines
 * are queued for {@link #expect}; everything it prints is kept (the last 300 lines) for failure
 * messages.
 */
final class PeerJvm implements AutoCloseable {
  private final Process process;
  private final PrintStream stdin;
  private final BlockingQueue<String> peerLines = new LinkedBlockingQueue<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private final String name;

  PeerJvm(String name, List<String> args) throws IOException {
    this.name = name;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire's own class path property: java.class.path may be a manifest-only booter jar.
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-Djava.net.preferIPv4Stack=true", "-cp", cp, EmbeddedPeerMain.class.getName()));
    cmd.addAll(args);
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    stdin = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > 300) {
              tail.removeFirst();
            }
          }
          if (line.startsWith("PEER ")) {
            peerLines.add(line.substring(5));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      peerLines.add("EOF");
    }, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  void send(String command) {
    stdin.println(command);
  }

  /** The next PEER line starting with {@code prefix} (others are skipped); fails after {@code max}. */
  String expect(String prefix, Duration max) throws InterruptedException {
    long until = System.nanoTime() + max.toNanos();
    while (true) {
      long left = until - System.nanoTime();
      String l = left <= 0 ? null : peerLines.poll(left, TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new AssertionError(name + ": no '" + prefix + "' within " + max + "\n" + tail());
      }
      if (l.startsWith("FAILED") || l.equals("EOF")) {
        throw new AssertionError(name + ": " + l + "\n" + tail());
      }
      if (l.startsWith(prefix)) {
        return l;
      }
    }
  }

  String tail() {
    synchronized (tail) {
      return name + " output (last lines):\n  " + String.join("\n  ", tail);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      send("QUIT");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
