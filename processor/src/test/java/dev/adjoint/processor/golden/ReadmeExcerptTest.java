package dev.adjoint.processor.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's excerpts of generated code are cut from the goldens they cite, so the two cannot
 * drift. An excerpt sits between {@code <!-- golden:FILE#METHOD:start -->} and {@code <!--
 * golden:FILE#METHOD:end -->} as a {@code java} code block: the method {@code METHOD} of golden
 * {@code FILE} (the first one of that name, from its declaration to its closing brace), or the
 * whole file without {@code #METHOD}. After regenerating the goldens, rerun with {@code
 * -Dadjoint.updateReadme=true} to rewrite the excerpts, and review the diff.
 */
class ReadmeExcerptTest {
  private static final Path README = Path.of("../README.md");
  private static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");
  private static final Pattern EXCERPT = Pattern.compile(
      "<!-- golden:([^ #]+)(?:#(\\w+))?:start -->\n(.*?)<!-- golden:\\1(?:#\\2)?:end -->",
      Pattern.DOTALL);

  @Test
  void excerptsMatchTheirGoldens() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher m = EXCERPT.matcher(readme);
    StringBuilder updated = new StringBuilder();
    List<String> stale = new ArrayList<>();
    int count = 0;
    while (m.find()) {
      count++;
      String expected = "```java\n" + excerpt(m.group(1), m.group(2)) + "```\n";
      if (!expected.equals(m.group(3))) {
        stale.add(m.group(1) + (m.group(2) == null ? "" : "#" + m.group(2)));
      }
      String start = readme.substring(m.start(), m.start(3));
      String end = readme.substring(m.end(3), m.end());
      m.appendReplacement(updated, Matcher.quoteReplacement(start + expected + end));
    }
    m.appendTail(updated);
    assertFalse(count == 0, "README.md has no <!-- golden:...:start --> excerpt");
    assertEquals(count, countOf(readme, ":start -->"), "a golden start marker without its end");
    if (Boolean.getBoolean("adjoint.updateReadme")) {
      Files.writeString(README, updated.toString(), StandardCharsets.UTF_8);
    }
    assertEquals(List.of(), stale,
        "README excerpts differ from their goldens; rerun with -Dadjoint.updateReadme=true");
  }

  /** The whole golden, or the method {@code method} of it with its closing brace. */
  static String excerpt(String file, String method) throws IOException {
    List<String> lines = Files.readAllLines(GOLDEN_DIR.resolve(file), StandardCharsets.UTF_8);
    if (method == null) {
      return String.join("\n", lines) + "\n";
    }
    Pattern declaration = Pattern.compile("^(\\s*)(?:public |static |final )*[\\w<>\\[\\]]+ "
        + Pattern.quote(method) + "\\(");
    for (int i = 0; i < lines.size(); i++) {
      Matcher d = declaration.matcher(lines.get(i));
      if (d.find()) {
        String close = d.group(1) + "}";
        StringBuilder sb = new StringBuilder();
        for (int j = i; j < lines.size(); j++) {
          sb.append(lines.get(j)).append('\n');
          if (lines.get(j).equals(close)) {
            return sb.toString();
          }
        }
        throw new AssertionError(file + ": method " + method + " has no closing brace");
      }
    }
    throw new AssertionError(file + " has no method " + method);
  }

  private static int countOf(String text, String marker) {
    int n = 0;
    for (int i = text.indexOf("<!-- golden:"); i >= 0; i = text.indexOf("<!-- golden:", i + 1)) {
      int close = text.indexOf("-->", i);
      if (text.substring(i, close + 3).endsWith(marker)) {
        n++;
      }
    }
    return n;
  }
}
