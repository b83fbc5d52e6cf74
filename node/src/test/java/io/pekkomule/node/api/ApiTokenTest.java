package io.pekkomule.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {
  @TempDir Path dir;

  private boolean posix() throws Exception {
    return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
  }

  @Test
  void firstStartCreatesAnOwnerOnlyFileWith32RandomBytes() throws Exception {
    Path data = dir.resolve("data");
    ApiToken token = ApiToken.loadOrCreate(data);
    Path file = ApiToken.file(data);
    assertTrue(Files.isRegularFile(file));
    String text = ApiToken.read(file);
    assertEquals(43, text.length());
    assertEquals(32, Base64.getUrlDecoder().decode(text).length);
    assertTrue(token.matches(text));
    assumeTrue(posix(), "file modes need a POSIX file system");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var s = Files.list(data)) {
      assertEquals(1, s.count(), "no temporary file is left behind");
    }
  }

  @Test
  void laterStartsReuseTheFile() throws Exception {
    ApiToken.loadOrCreate(dir);
    String first = ApiToken.read(ApiToken.file(dir));
    ApiToken again = ApiToken.loadOrCreate(dir);
    assertEquals(first, ApiToken.read(ApiToken.file(dir)));
    assertTrue(again.matches(first));
  }

  @Test
  void tokensAreFreshEachTime() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      assertTrue(seen.add(ApiToken.generate()));
    }
  }

  @Test
  void onlyTheExactTokenMatches() throws Exception {
    ApiToken token = ApiToken.loadOrCreate(dir);
    String text = ApiToken.read(ApiToken.file(dir));
    assertFalse(token.matches(""));
    assertFalse(token.matches(text.substring(1)));
    assertFalse(token.matches(text + "x"));
    assertFalse(token.matches(text.toUpperCase()));
    assertFalse(token.matches(ApiToken.generate()));
    assertFalse(token.toString().contains(text));
  }

  @Test
  void aFileOthersCanReadIsRefused() throws Exception {
    assumeTrue(posix(), "file modes need a POSIX file system");
    ApiToken.loadOrCreate(dir);
    Path file = ApiToken.file(dir);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    ApiToken.TokenFileException e =
        assertThrows(ApiToken.TokenFileException.class, () -> ApiToken.loadOrCreate(dir));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    assertFalse(e.getMessage().contains(Files.readString(file).trim()), "the message holds no token");
  }

  @Test
  void aFileWithoutATokenIsRefused() throws Exception {
    Path file = ApiToken.file(dir);
    Files.writeString(file, "not a token\n");
    if (posix()) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    ApiToken.TokenFileException e =
        assertThrows(ApiToken.TokenFileException.class, () -> ApiToken.loadOrCreate(dir));
    assertTrue(e.getMessage().contains("does not hold a token"), e.getMessage());
    assertThrows(ApiToken.TokenFileException.class, () -> ApiToken.read(dir.resolve("missing")));
  }

  @Test
  void differentDataDirectoriesGetDifferentTokens() throws Exception {
    ApiToken.loadOrCreate(dir.resolve("a"));
    ApiToken.loadOrCreate(dir.resolve("b"));
    assertNotEquals(ApiToken.read(ApiToken.file(dir.resolve("a"))),
        ApiToken.read(ApiToken.file(dir.resolve("b"))));
  }
}
