package io.pekkomule.node.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pekkomule.protocol.contact.Kad1Contact;
import io.pekkomule.protocol.files.NodesDat;
import io.pekkomule.protocol.files.NodesDat.Entry;
import io.pekkomule.protocol.wire.DecodeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pekko-mule nodes inspect FILE [--json]}: shows a nodes.dat exactly as stored (before
 * iMule's reading rules drop anything).
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show the contents of a nodes.dat (v0, v1, v2, v3, v3 bootstrap edition) as stored.",
    footer = {"", "Exit codes: 0 read, 1 internal error, 2 bad input (no such file, not a "
        + "nodes.dat: the error names the offset and what is wrong)."})
public final class NodesInspectCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The nodes.dat to read.")
  private Path file;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: {version, count, bootstrapEdition, contacts: [{kadId,"
              + " kadVersion, b32, verified, udpKey, udpKeyIp; v0 also type, tcpB32}]}.")
  private boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NodesDat nodes;
    try {
      if (Files.isDirectory(file)) {
        return fail(err, file + ": is a directory, not a nodes.dat");
      }
      nodes = NodesDat.read(file);
    } catch (NoSuchFileException e) {
      return fail(err, file + ": no such file");
    } catch (AccessDeniedException e) {
      return fail(err, file + ": permission denied");
    } catch (IOException e) {
      return fail(err, file + ": cannot read: " + e.getMessage());
    } catch (DecodeException e) {
      return fail(err, damaged(file, e));
    }
    if (json) {
      out.println(JSON.writeValueAsString(toJson(nodes)));
    } else {
      printText(out, nodes);
    }
    out.flush();
    return Cli.OK;
  }

  /** One line: the file, the offset, the reason and what was wrong. */
  static String damaged(Path file, DecodeException e) {
    String detail = e.getMessage();
    String suffix = " at offset " + e.offset();
    if (detail.endsWith(suffix)) {
      detail = detail.substring(0, detail.length() - suffix.length());
    }
    return file + ": damaged nodes.dat at offset " + e.offset() + " (" + e.reason() + "): " + detail;
  }

  private static int fail(PrintWriter err, String line) {
    err.println("nodes inspect: " + line);
    err.flush();
    return Cli.BAD_INPUT;
  }

  /** The JSON shape scripts rely on; keep the names {@code version, count, contacts, kadId,
   * kadVersion, b32, verified, udpKey}. Jackson's ObjectNode keeps insertion order. */
  static ObjectNode toJson(NodesDat nodes) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", nodes.formatVersion());
    root.put("count", nodes.entries().size());
    root.put("bootstrapEdition", nodes.bootstrapEdition());
    ArrayNode contacts = root.putArray("contacts");
    for (Entry e : nodes.entries()) {
      ObjectNode c = contacts.addObject();
      c.put("kadId", e.id().toHex());
      c.put("kadVersion", e.kadVersion());
      c.put("b32", e.udpDest().toB32());
      c.put("verified", e.verified());
      c.put("udpKey", e.file().udpKey());
      c.put("udpKeyIp", e.file().udpKeyIp());
      if (e.kad1().isPresent()) {
        Kad1Contact k = e.kad1().get();
        c.put("type", k.type());
        c.put("tcpB32", k.tcpDest().toB32());
      }
    }
    return root;
  }

  private void printText(PrintWriter out, NodesDat nodes) {
    boolean v0 = nodes.formatVersion() == 0;
    String format =
        "v" + nodes.formatVersion() + (nodes.bootstrapEdition() ? " (bootstrap edition)" : "");
    Map<Integer, Long> versions =
        nodes.entries().stream()
            .collect(Collectors.groupingBy(Entry::kadVersion, TreeMap::new, Collectors.counting()));
    out.printf("file:     %s%n", file);
    out.printf("format:   %s, %d-byte records%n", format, nodes.recordSize());
    out.printf("count:    %d%n", nodes.entries().size());
    out.printf(
        "verified: %d%n", nodes.entries().stream().filter(Entry::verified).count());
    out.printf(
        "versions: %s%n",
        versions.entrySet().stream()
            .map(v -> "v" + v.getKey() + " x" + v.getValue())
            .collect(Collectors.joining(", ")));
    out.println();
    out.printf(
        "%4s  %-32s  %3s  %-8s  %-10s  %-10s  %s%s%n",
        "#", "KadID", "ver", "verified", "udpKey", "udpKeyIp", v0 ? "type  " : "", "b32");
    int i = 0;
    for (Entry e : nodes.entries()) {
      out.printf(
          "%4d  %-32s  %3d  %-8s  0x%08X  0x%08X  %s%s%n",
          ++i,
          e.id().toHex(),
          e.kadVersion(),
          e.verified() ? "yes" : "no",
          e.file().udpKey(),
          e.file().udpKeyIp(),
          v0 ? String.format("%-4d  ", e.kad1().orElseThrow().type()) : "",
          e.udpDest().toB32());
    }
  }
}
