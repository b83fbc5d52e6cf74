package io.pekkomule.protocol.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import io.pekkomule.protocol.wire.DecodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesKadTest {
  private static final HexFormat HEX = HexFormat.of();
  // u16 0 · id words LE · u8 0, written out by hand (spec §3)
  private static final byte[] FILE =
      HEX.parseHex("0000" + "03020100" + "07060504" + "0b0a0908" + "0f0e0d0c" + "00");

  @Test
  void readsTheIMuleLayout() throws Exception {
    assertEquals(19, FILE.length);
    PreferencesKad p = PreferencesKad.decode(FILE);
    assertEquals("000102030405060708090A0B0C0D0E0F", p.kadId().toHex());
    assertFalse(p.needsNewId());
    assertArrayEquals(FILE, p.encode());
  }

  @Test
  void toleratesWhatIMuleIgnores() throws Exception {
    byte[] noTagByte = Arrays.copyOf(FILE, 18);
    byte[] trailing = Arrays.copyOf(FILE, 40);
    trailing[19] = 7;
    byte[] oddU16 = FILE.clone();
    oddU16[0] = 5;
    for (byte[] f : new byte[][] {noTagByte, trailing, oddU16}) {
      assertEquals("000102030405060708090A0B0C0D0E0F", PreferencesKad.decode(f).kadId().toHex());
    }
  }

  @Test
  void zeroIdMeansGenerateANewOne() throws Exception {
    PreferencesKad p = PreferencesKad.decode(new byte[19]);
    assertTrue(p.needsNewId());
    assertEquals(KadId.ZERO, p.kadId());
  }

  @Test
  void shortFileIsTruncatedAtTheMissingWord() {
    DecodeException e =
        assertThrows(DecodeException.class, () -> PreferencesKad.decode(Arrays.copyOf(FILE, 17)));
    assertEquals(DecodeException.Reason.TRUNCATED, e.reason());
    assertEquals(14, e.offset());
  }

  @Test
  void writesAndReadsFiles(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("preferencesKad.dat");
    PreferencesKad prefs = new PreferencesKad(KadId.fromHex("00112233445566778899AABBCCDDEEFF"));
    prefs.write(p);
    assertEquals(19, Files.size(p));
    assertEquals(prefs, PreferencesKad.read(p));
    Files.write(p, Arrays.copyOf(prefs.encode(), 1 << 20));
    assertEquals(prefs, PreferencesKad.read(p));
  }
}
