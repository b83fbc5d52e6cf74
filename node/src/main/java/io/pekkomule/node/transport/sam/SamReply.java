package io.pekkomule.node.transport.sam;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One line from the SAM bridge, parsed strictly: two upper-case words ({@code HELLO REPLY}), then
 * {@code KEY=VALUE} pairs whose value may be double-quoted with {@code \"} and {@code \\} escapes
 * (SAM 3.2). A key may appear once; anything else is a {@link SamProtocolException}.
 */
final class SamReply {
  /** Values that are private keys: never shown in logs or exception messages. */
  private static final Set<String> SECRET_KEYS = Set.of("PRIV", "DESTINATION");

  private final String verb;
  private final String opcode;
  private final Map<String, String> params;

  private SamReply(String verb, String opcode, Map<String, String> params) {
    this.verb = verb;
    this.opcode = opcode;
    this.params = Collections.unmodifiableMap(params);
  }

  static SamReply parse(String line) throws SamProtocolException {
    int i = 0;
    int n = line.length();
    String[] words = new String[2];
    for (int w = 0; w < 2; w++) {
      int start = i;
      while (i < n && line.charAt(i) >= 'A' && line.charAt(i) <= 'Z') {
        i++;
      }
      if (i == start || (i < n && line.charAt(i) != ' ')) {
        throw new SamProtocolException("malformed SAM line: " + redact(line));
      }
      words[w] = line.substring(start, i);
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    while (i < n) {
      int keyStart = i;
      while (i < n && line.charAt(i) != '=' && line.charAt(i) != ' ') {
        i++;
      }
      if (i == keyStart || i == n || line.charAt(i) != '=') {
        throw new SamProtocolException("malformed SAM parameter in: " + redact(line));
      }
      String key = line.substring(keyStart, i);
      i++;
      StringBuilder value = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i++);
          if (c == '\\' && i < n) {
            value.append(line.charAt(i++));
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed || (i < n && line.charAt(i) != ' ')) {
          throw new SamProtocolException("malformed quoted SAM value in: " + redact(line));
        }
      } else {
        while (i < n && line.charAt(i) != ' ') {
          value.append(line.charAt(i++));
        }
      }
      if (params.put(key, value.toString()) != null) {
        throw new SamProtocolException("SAM parameter " + key + " repeated in: " + redact(line));
      }
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
    }
    return new SamReply(words[0], words[1], params);
  }

  String verb() {
    return verb;
  }

  String opcode() {
    return opcode;
  }

  boolean is(String verb, String opcode) {
    return this.verb.equals(verb) && this.opcode.equals(opcode);
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(params.get(key));
  }

  /** The value of {@code key}, or a protocol error naming the reply. */
  String require(String key) throws SamProtocolException {
    String v = params.get(key);
    if (v == null || v.isEmpty()) {
      throw new SamProtocolException(verb + " " + opcode + " without " + key + ": " + this);
    }
    return v;
  }

  /** Fails unless this is {@code verb opcode}. */
  SamReply expect(String verb, String opcode) throws SamProtocolException {
    if (!is(verb, opcode)) {
      throw new SamProtocolException(
          "expected " + verb + " " + opcode + " from the SAM bridge, got: " + this);
    }
    return this;
  }

  /**
   * Fails with {@link SamRefusedException} unless {@code RESULT=OK}. With {@code optional}, a reply
   * without {@code RESULT} counts as OK (SAM 3.0's {@code DEST REPLY} has none on success).
   */
  SamReply expectOk(boolean optional) throws SamProtocolException {
    String result = params.get("RESULT");
    if (result == null && optional) {
      return this;
    }
    if (result == null) {
      throw new SamProtocolException(verb + " " + opcode + " without RESULT: " + this);
    }
    if (!result.equals("OK")) {
      String message = params.get("MESSAGE");
      throw new SamRefusedException(
          result,
          verb + " " + opcode + " refused: RESULT=" + result
              + (message == null ? "" : " MESSAGE=" + message));
    }
    return this;
  }

  /** The line with private keys and destinations shortened to their length, for logs. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(verb).append(' ').append(opcode);
    params.forEach(
        (k, v) -> {
          sb.append(' ').append(k).append('=');
          if (SECRET_KEYS.contains(k) || v.length() > 64) {
            sb.append('<').append(v.length()).append(" chars>");
          } else {
            sb.append(v);
          }
        });
    return sb.toString();
  }

  /** A raw line for a log: long tokens (keys, destinations) shortened, at most 200 characters. */
  static String redact(String line) {
    StringBuilder sb = new StringBuilder();
    for (String token : line.split(" ", -1)) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      int eq = token.indexOf('=');
      String value = eq < 0 ? token : token.substring(eq + 1);
      if (value.length() > 64) {
        sb.append(eq < 0 ? "" : token.substring(0, eq + 1))
            .append('<')
            .append(value.length())
            .append(" chars>");
      } else {
        sb.append(token);
      }
    }
    String s = sb.toString();
    StringBuilder printable = new StringBuilder();
    for (int k = 0; k < s.length() && k < 200; k++) {
      char c = s.charAt(k);
      printable.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return s.length() > 200 ? printable + "…" : printable.toString();
  }
}
