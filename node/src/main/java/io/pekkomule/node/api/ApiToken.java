package io.pekkomule.node.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API bearer token: 32 random bytes, base64url without padding, kept in {@code
 * <data-dir>/api.token} with mode 0600. {@link #toString()} never shows it; it is compared in
 * constant time.
 */
public final class ApiToken {
  /** The token file's name inside the data directory. */
  public static final String FILE_NAME = "api.token";

  private static final int BYTES = 32;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The token file cannot be used; the message says what to do. */
  public static final class TokenFileException extends IOException {
    public TokenFileException(String message) {
      super(message);
    }
  }

  private final byte[] digest;

  private ApiToken(String token) {
    this.digest = sha256(token.getBytes(StandardCharsets.US_ASCII));
  }

  public static Path file(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /**
   * Reads {@code <dataDir>/api.token}, or creates it (and the directory) with a new random token.
   * A file that others may read, or that does not hold a token, is refused.
   */
  public static ApiToken loadOrCreate(Path dataDir) throws IOException {
    Path file = file(dataDir);
    if (!Files.exists(file)) {
      Files.createDirectories(dataDir);
      try {
        create(file);
      } catch (FileAlreadyExistsException raced) {
        // another starter won: use its token
      }
    }
    return new ApiToken(read(file));
  }

  /** The token text of an existing file (for clients such as the status command). */
  public static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new TokenFileException(file + ": no token file");
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> perms = posix.readAttributes().permissions();
      if (!OWNER_ONLY.containsAll(perms)) {
        throw new TokenFileException(file + ": readable or writable by others (mode "
            + PosixFilePermissions.toString(perms) + "); chmod 600 it, or delete it for a new token");
      }
    }
    if (Files.size(file) > 1024) {
      throw new TokenFileException(file + ": not a token file (too large); delete it for a new one");
    }
    String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
    if (!SHAPE.matcher(token).matches()) {
      throw new TokenFileException(file + ": does not hold a token; delete it for a new one");
    }
    return token;
  }

  /** Whether {@code presented} is this token; the time taken does not depend on where they differ. */
  public boolean matches(String presented) {
    byte[] other = sha256(presented.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(digest, other);
  }

  /** A fresh token text: 32 SecureRandom bytes, base64url, no padding. */
  static String generate() {
    byte[] b = new byte[BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  // Written under a temporary name with mode 0600 from the start, then moved into place, so the
  // token is never readable by others and a crash never leaves a half-written file.
  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    Path tmp = posix
        ? Files.createTempFile(dir, ".api.token", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, ".api.token", ".tmp");
    try {
      Files.writeString(tmp, generate() + "\n", StandardCharsets.US_ASCII);
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString());
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "ApiToken[redacted]";
  }
}
