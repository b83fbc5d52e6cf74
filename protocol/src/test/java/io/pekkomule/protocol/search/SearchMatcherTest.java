package io.pekkomule.protocol.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearchMatcherTest {
  static TagList file(String name, long size) {
    return TagList.of(new StringTag(TagName.FILENAME, name), new IntTag(TagName.FILESIZE, size),
        new StringTag(TagName.FILETYPE, "Video"));
  }

  @Test
  void stringTermTokensAreSubstringsOfTheLowerCasedName() {
    TagList f = file("The.Big-Movie_2020.AVI", 700);
    assertTrue(SearchMatcher.matches(new StringTerm("big movie"), f));
    assertTrue(SearchMatcher.matches(new StringTerm("MOV"), f), "substring, not whole word");
    assertFalse(SearchMatcher.matches(new StringTerm("big small"), f));
    assertFalse(SearchMatcher.matches(new StringTerm("  "), f), "no token matches nothing");
  }

  @Test
  void booleanMetaAndNumericTerms() {
    TagList f = file("holiday video.mkv", 5000);
    assertTrue(SearchMatcher.matches(BoolExpr.or(new StringTerm("nope"), new StringTerm("video")), f));
    assertFalse(SearchMatcher.matches(BoolExpr.andNot(new StringTerm("holiday"), new StringTerm("video")), f));
    assertTrue(SearchMatcher.matches(new MetaTerm(TagName.FILETYPE, "video"), f));
    assertFalse(SearchMatcher.matches(new MetaTerm(TagName.FILETYPE, "Audio"), f));
    assertTrue(SearchMatcher.matches(new NumericTerm(NumericOp.GREATER_EQUAL, TagName.FILESIZE, 5000), f));
    assertFalse(SearchMatcher.matches(new NumericTerm(NumericOp.LESS, TagName.FILESIZE, 5000), f));
    assertTrue(SearchMatcher.matches(new NumericTerm(NumericOp.NOT_EQUAL, TagName.FILESIZE, 1), f));
    assertFalse(SearchMatcher.matches(new NumericTerm(NumericOp.EQUAL, TagName.MEDIA_BITRATE, 0), f),
        "a missing tag never matches");
  }

  @Test
  void searcherKeepsOnlyResultsWithEveryWordAsAWholeWord() {
    List<String> words = KeywordHasher.searchWords("big movie");
    assertTrue(SearchMatcher.acceptKeywordResult(words, file("The.Big-Movie_2020.avi", 1)));
    assertFalse(SearchMatcher.acceptKeywordResult(words, file("The.Bigger-Movie.avi", 1)),
        "whole words only");
    assertFalse(SearchMatcher.acceptKeywordResult(words,
        TagList.of(new StringTag(TagName.FILENAME, "big movie.avi"))), "needs FILESIZE");
  }

  @Test
  void multiWordQueriesBecomeAnAndOfStringTerms() {
    assertEquals(Optional.empty(), SearchMatcher.expressionFor(List.of("one")));
    SearchExpr e = SearchMatcher.expressionFor(List.of("aaa", "bbb", "ccc")).orElseThrow();
    assertEquals(3, e.depth());
    assertTrue(SearchMatcher.matches(e, file("ccc bbb aaa", 1)));
    assertFalse(SearchMatcher.matches(e, file("ccc bbb", 1)));
  }
}
