package io.pekkomule.protocol.keyword;

import io.pekkomule.protocol.KadId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * iMule's keyword handling (spec §12.5): splitting a search string or file name into words
 * ({@code CSearchManager::GetWords}), guessing away a file extension ({@code GuessAndRemoveExt}),
 * and the keyword ID = MD4 of the lower-cased UTF-8 word ({@code KadGetKeywordHash}).
 */
public final class KeywordHasher {

  /** {@code CSearchManager::GetInvalidKeywordChars}; only ASCII space counts as whitespace. */
  public static final String DELIMITERS = " ()[]{}<>,._-!?:;\\/\"";
  /** A word is kept when its UTF-8 encoding has at least this many bytes. */
  public static final int MIN_WORD_BYTES = 3;

  /** Extensions that are not 3 characters long but still stripped before publishing. */
  private static final Set<String> OTHER_EXTENSIONS = Set.of("7z", "rm", "jpeg", "mpeg");

  private KeywordHasher() {}

  /** Words of a search string, in order, duplicates kept; a search targets the first one. */
  public static List<String> searchWords(String query) {
    return words(query, true);
  }

  /**
   * Words a file is published under: extension guessed away first, duplicates removed (an earlier
   * occurrence is dropped and the word appended again, as iMule's list remove + push_back).
   */
  public static List<String> publishWords(String fileName) {
    return words(stripExtension(fileName), false);
  }

  /** The keyword a search for {@code query} is sent to, if the query has any word. */
  public static Optional<KadId> searchTarget(String query) {
    List<String> words = searchWords(query);
    return words.isEmpty() ? Optional.empty() : Optional.of(hash(words.get(0)));
  }

  /**
   * Splits at {@link #DELIMITERS}, skips empty tokens, keeps tokens of at least 3 UTF-8 bytes
   * (measured before lower-casing, as iMule does) and lower-cases them.
   */
  public static List<String> words(String text, boolean allowDuplicates) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || DELIMITERS.indexOf(text.charAt(i)) >= 0) {
        if (i > start) {
          String token = text.substring(start, i);
          if (token.getBytes(StandardCharsets.UTF_8).length >= MIN_WORD_BYTES) {
            String word = lowerCase(token);
            if (!allowDuplicates) {
              words.remove(word);
            }
            words.add(word);
          }
        }
        start = i + 1;
      }
    }
    return List.copyOf(words);
  }

  /** The Kad keyword ID of a word: MD4 of its lower-cased UTF-8 bytes, read big-endian. */
  public static KadId hash(String word) {
    byte[] utf8 = lowerCase(word).getBytes(StandardCharsets.UTF_8);
    MD4Digest md4 = new MD4Digest();
    md4.update(utf8, 0, utf8.length);
    byte[] digest = new byte[16];
    md4.doFinal(digest, 0);
    return KadId.fromMd4Bytes(digest);
  }

  /**
   * Per-character lower-casing, as wx's {@code MakeLower} ({@code towlower} on each character).
   * Unlike {@code String.toLowerCase(Locale.ROOT)} it maps a final Σ to σ (not ς) and İ to i
   * (not i + U+0307), so Greek and Turkish keywords hash as in iMule; elsewhere both agree.
   */
  public static String lowerCase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().map(Character::toLowerCase).forEach(b::appendCodePoint);
    return b.toString();
  }

  /**
   * iMule's {@code GuessAndRemoveExt}: drops {@code .gz}/{@code .bz2} (and then a {@code .tar}
   * under it), any 3-character extension, and {@code 7z rm jpeg mpeg}; other extensions stay.
   * Comparisons are case-sensitive; a leading dot (hidden file) is not an extension.
   */
  public static String stripExtension(String fileName) {
    String ext = extension(fileName);
    if (ext.equals("gz") || ext.equals("bz2")) {
      String name = removeExtension(fileName);
      return extension(name).equals("tar") ? removeExtension(name) : name;
    }
    if (ext.codePointCount(0, ext.length()) == 3 || OTHER_EXTENSIONS.contains(ext)) {
      return removeExtension(fileName);
    }
    return fileName;
  }

  /** wxFileName's extension: after the last dot, unless that dot starts the name. */
  private static String extension(String name) {
    int dot = lastDot(name);
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  private static String removeExtension(String name) {
    int dot = lastDot(name);
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static int lastDot(String name) {
    int dot = name.lastIndexOf('.');
    int sep = name.lastIndexOf('/');
    return dot > 0 && dot > sep + 1 ? dot : -1;
  }
}
