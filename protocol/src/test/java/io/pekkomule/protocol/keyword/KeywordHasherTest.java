package io.pekkomule.protocol.keyword;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.KadId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.junit.jupiter.api.Test;

class KeywordHasherTest {

  @Test
  void bouncyCastleMd4PassesRfc1320Vectors() {
    assertEquals("31d6cfe0d16ae931b73c59d7e0c089c0", md4Hex(""));
    assertEquals("bde52cb31de33e46245e05fbdbd6fb24", md4Hex("a"));
    assertEquals("a448017aaf21d8525fc10ae87aa6729d", md4Hex("abc"));
    assertEquals("d9130a8164549fe818874806e1c7014b", md4Hex("message digest"));
    assertEquals("d79e1c308aa5bbcdeea8ed63df412da9", md4Hex("abcdefghijklmnopqrstuvwxyz"));
    assertEquals(
        "043f8582f241db351ce627e153e7f0e4",
        md4Hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"));
    assertEquals("e33b4ddc9c38f2199c3e7b164fcc0536", md4Hex("1234567890".repeat(8)));
  }

  /**
   * Expected ids produced once with protocol/src/test/python/frame_vectors.py, which runs the
   * project's pure-python MD4 (/work/shared/interop/md4.py) over the UTF-8 bytes; shown in MD4
   * (big-endian) order, as {@link KadId#toHex()} prints.
   */
  @Test
  void keywordIdsMatchIndependentMd4() {
    assertEquals("A5D7852A264D406B2D682A4AA88FB6D1", KeywordHasher.hash("ubuntu").toHex());
    assertEquals("D37C98517E79DDC1688E27D1FE849BE5", KeywordHasher.hash("linux").toHex());
    assertEquals("71E0F0B364C2A269FA95FFCC9B76CD85", KeywordHasher.hash("iso").toHex());
    assertEquals("E3C78AD5A802BA92D0093DACA19D5A5E", KeywordHasher.hash("the").toHex());
    assertEquals("F3D3111E190871C6F8A98C6597901213", KeywordHasher.hash("música").toHex());
    assertEquals("166B8BD909C4B16C9AA3F3D782C67857", KeywordHasher.hash("日本語").toHex());
    assertEquals("6F4202687B492833D77F8BE43195AC99", KeywordHasher.hash("aé").toHex());
  }

  @Test
  void hashLowerCasesFirstAndGoesOnTheWireWordSwapped() {
    assertEquals(KeywordHasher.hash("ubuntu"), KeywordHasher.hash("UBUNTU"));
    assertEquals(KeywordHasher.hash("música"), KeywordHasher.hash("MÚSICA"));
    KadId id = KeywordHasher.hash("ubuntu");
    assertArrayEquals(
        HexFormat.of().parseHex("2A85D7A56B404D264A2A682DD1B68FA8"), id.toWireBytes());
  }

  @Test
  void lowerCasingIsPerCharacterLikeWx() {
    // wx MakeLower maps each character: a final capital sigma becomes σ, not ς.
    assertEquals("οδοσ", KeywordHasher.lowerCase("ΟΔΟΣ"));
    assertEquals("AC5DE028FFDAB73C3379A1266677CFBE", KeywordHasher.hash("ΟΔΟΣ").toHex());
    assertNotEquals("2CE3C0AEB67EE54E32380D1C74DDD10A", KeywordHasher.hash("ΟΔΟΣ").toHex());
    assertEquals("iab", KeywordHasher.lowerCase("İAB"));
    assertEquals("straße", KeywordHasher.lowerCase("STRAßE"));
  }

  @Test
  void splitsAtImuleDelimitersOnly() {
    assertEquals(
        List.of("the", "matrix", "1999", "dvd", "rip", "x264"),
        KeywordHasher.searchWords("The.Matrix (1999) [DVD-Rip]_x264"));
    assertEquals(
        List.of("aaa", "bbb", "ccc", "ddd", "eee", "fff", "ggg", "hhh", "iii", "jjj", "kkk", "lll",
            "mmm", "nnn", "ooo", "ppp", "qqq", "rrr"),
        KeywordHasher.searchWords(
            "aaa(bbb)ccc[ddd]eee{fff}ggg<hhh>iii,jjj.kkk_lll-mmm!nnn?ooo:ppp;qqq\\rrr"));
    assertEquals(List.of("abc", "def"), KeywordHasher.searchWords("abc/def\"\"  "));
    // Only ASCII space is whitespace: tab, newline, '+', '&', '\'' and '#' are word characters.
    assertEquals(List.of("foo\tbar"), KeywordHasher.searchWords("foo\tbar"));
    assertEquals(List.of("rock&roll", "it's", "c++", "#42"),
        KeywordHasher.searchWords("Rock&Roll it's c++ #42"));
    assertEquals(List.of(), KeywordHasher.searchWords(" ()[]{}<>,._-!?:;\\/\" "));
  }

  @Test
  void keepsWordsOfAtLeastThreeUtf8Bytes() {
    assertEquals(List.of("abc"), KeywordHasher.searchWords("ab abc a"));
    // é is 2 bytes: "é" alone is dropped, "aé" (2 chars, 3 bytes) is kept.
    assertEquals(List.of("aé"), KeywordHasher.searchWords("é aé"));
    // One CJK character is 3 bytes: kept on its own.
    assertEquals(List.of("日", "日本"), KeywordHasher.searchWords("日 日本"));
    assertEquals(List.of("éé"), KeywordHasher.searchWords("ÉÉ"));
  }

  @Test
  void searchKeepsDuplicatesPublishMovesThemToTheEnd() {
    assertEquals(List.of("abc", "def", "abc"), KeywordHasher.searchWords("abc def ABC"));
    assertEquals(List.of("def", "abc"), KeywordHasher.words("abc def ABC", false));
    assertEquals(
        List.of("two", "one", "three"), KeywordHasher.words("one two one three three", false));
  }

  @Test
  void searchTargetIsTheFirstWord() {
    assertEquals(
        Optional.of(KeywordHasher.hash("ubuntu")), KeywordHasher.searchTarget("Ubuntu ISO 22.04"));
    assertEquals(Optional.empty(), KeywordHasher.searchTarget("a b c 12"));
  }

  @Test
  void publishingGuessesAwayTheExtension() {
    assertEquals(
        List.of("ubuntu", "desktop", "amd64"),
        KeywordHasher.publishWords("ubuntu-22.04-desktop-amd64.iso"));
    assertEquals(List.of("movie", "2020"), KeywordHasher.publishWords("Movie 2020.mkv"));
    assertEquals(List.of("backup"), KeywordHasher.publishWords("backup.tar.gz"));
    assertEquals(List.of("backup"), KeywordHasher.publishWords("backup.tar.bz2"));
    assertEquals(List.of("notes", "txt"), KeywordHasher.publishWords("notes.txt.gz"));
    assertEquals(List.of("archive"), KeywordHasher.publishWords("archive.7z"));
    assertEquals(List.of("clip"), KeywordHasher.publishWords("clip.rm"));
    assertEquals(List.of("photo"), KeywordHasher.publishWords("photo.jpeg"));
    // Not guessed as extensions: other lengths, and the comparison is case-sensitive.
    assertEquals(List.of("song", "flac"), KeywordHasher.publishWords("song.flac"));
    assertEquals(List.of("photo", "jpeg"), KeywordHasher.publishWords("photo.JPEG"));
    assertEquals(List.of("page", "html"), KeywordHasher.publishWords("page.html"));
    // A 3-character extension is stripped whatever its case; a leading dot is no extension.
    assertEquals(List.of("track"), KeywordHasher.publishWords("Track.MP3"));
    assertEquals(List.of("bashrc"), KeywordHasher.publishWords(".bashrc"));
    // Duplicates in a file name are published once, at their last position.
    assertEquals(List.of("the", "band", "live"), KeywordHasher.publishWords("Live The Band LIVE.ogg"));
  }

  @Test
  void stripExtensionFollowsGuessAndRemoveExt() {
    assertEquals("a.b", KeywordHasher.stripExtension("a.b.avi"));
    assertEquals("a", KeywordHasher.stripExtension("a.tar.gz"));
    assertEquals("a.x", KeywordHasher.stripExtension("a.x.gz"));
    assertEquals("a", KeywordHasher.stripExtension("a.tar"), "tar alone is just 3 characters");
    assertEquals("noext", KeywordHasher.stripExtension("noext"));
    assertEquals("a.flac", KeywordHasher.stripExtension("a.flac"));
    assertEquals("trailing.", KeywordHasher.stripExtension("trailing."));
    assertEquals("a", KeywordHasher.stripExtension("a.日本語"), "3 characters, not 3 bytes");
  }

  @Test
  void wordsAreUtf8NotLatin1() {
    byte[] utf8 = "música".getBytes(StandardCharsets.UTF_8);
    assertEquals(7, utf8.length);
    assertTrue(KeywordHasher.searchWords("MÚSICA").contains("música"));
  }

  private static String md4Hex(String s) {
    byte[] in = s.getBytes(StandardCharsets.US_ASCII);
    MD4Digest d = new MD4Digest();
    d.update(in, 0, in.length);
    byte[] out = new byte[16];
    d.doFinal(out, 0);
    return HexFormat.of().formatHex(out);
  }
}
