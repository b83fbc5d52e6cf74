package io.pekkomule.protocol.search;

import io.pekkomule.protocol.keyword.KeywordHasher;
import io.pekkomule.protocol.tag.IntTag;
import io.pekkomule.protocol.tag.StringTag;
import io.pekkomule.protocol.tag.Tag;
import io.pekkomule.protocol.tag.TagList;
import io.pekkomule.protocol.tag.TagName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluation of search expressions and iMule's result filters (spec §7.3, §11.2):
 *
 * <ul>
 *   <li>{@link #matches}: the storing node's test of one keyword entry against a restrictive
 *       SEARCH_KEY_REQ's expression ({@code Entry.cpp} SearchTermsMatch): a string term matches
 *       when every delimiter-separated token of its lower-cased value is a substring of the
 *       lower-cased file name; a meta term compares a string tag case-insensitively; a numeric
 *       term compares an integer tag (a missing tag never matches); NOT is "left and not right".
 *   <li>{@link #acceptKeywordResult}: the searcher's filter ({@code Search.cpp:1115-1195}): the
 *       result needs FILENAME and FILESIZE, and every search word must be a whole word of the
 *       name (case-insensitive).
 * </ul>
 */
public final class SearchMatcher {
  private SearchMatcher() {}

  /** Whether an entry with these tags (FILENAME among them) satisfies the expression. */
  public static boolean matches(SearchExpr e, TagList tags) {
    if (e instanceof BoolExpr b) {
      boolean left = matches(b.left(), tags);
      return switch (b.op()) {
        case AND -> left && matches(b.right(), tags);
        case OR -> left || matches(b.right(), tags);
        case NOT -> left && !matches(b.right(), tags);
      };
    }
    if (e instanceof StringTerm s) {
      String name = KeywordHasher.lowerCase(tags.stringValue(TagName.FILENAME).orElse(""));
      List<String> tokens = tokens(KeywordHasher.lowerCase(s.value()));
      if (tokens.isEmpty()) {
        return false;
      }
      for (String t : tokens) {
        if (!name.contains(t)) {
          return false;
        }
      }
      return true;
    }
    if (e instanceof MetaTerm m) {
      for (Tag t : tags.tags()) {
        if (t instanceof StringTag st && st.name() == m.tagName()
            && KeywordHasher.lowerCase(st.value()).equals(KeywordHasher.lowerCase(m.value()))) {
          return true;
        }
      }
      return false;
    }
    if (e instanceof NumericTerm n) {
      for (Tag t : tags.tags()) {
        if (t instanceof IntTag it && it.name() == n.tagName()) {
          int c = Long.compareUnsigned(it.value(), n.value());
          return switch (n.op()) {
            case EQUAL -> c == 0;
            case GREATER -> c > 0;
            case LESS -> c < 0;
            case GREATER_EQUAL -> c >= 0;
            case LESS_EQUAL -> c <= 0;
            case NOT_EQUAL -> c != 0;
          };
        }
      }
      return false;
    }
    throw new IllegalArgumentException("unknown expression " + e);
  }

  /** Non-empty tokens between {@link KeywordHasher#DELIMITERS}, no length filter. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || KeywordHasher.DELIMITERS.indexOf(text.charAt(i)) >= 0) {
        if (i > start) {
          out.add(text.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  /**
   * The searcher's keyword-result filter: FILENAME and FILESIZE present, and each of {@code
   * searchWords} (as {@link KeywordHasher#searchWords} makes them) is a whole word of the name.
   */
  public static boolean acceptKeywordResult(List<String> searchWords, TagList tags) {
    Optional<String> name = tags.stringValue(TagName.FILENAME);
    if (name.isEmpty() || name.get().isEmpty() || tags.intValue(TagName.FILESIZE).isEmpty()) {
      return false;
    }
    Set<String> words = new HashSet<>(KeywordHasher.words(name.get(), true));
    for (String w : searchWords) {
      if (!words.contains(KeywordHasher.lowerCase(w))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A restrictive expression for a multi-word query as iMule sends it: the words AND-ed as one
   * string term each; empty when the query has one word or none (the target word alone decides).
   */
  public static Optional<SearchExpr> expressionFor(List<String> searchWords) {
    if (searchWords.size() < 2) {
      return Optional.empty();
    }
    SearchExpr e = new StringTerm(searchWords.get(0));
    for (int i = 1; i < searchWords.size(); i++) {
      e = BoolExpr.and(e, new StringTerm(searchWords.get(i)));
    }
    return Optional.of(e);
  }
}
