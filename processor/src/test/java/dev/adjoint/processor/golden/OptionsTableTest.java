package dev.adjoint.processor.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of -A options lists exactly the options the processor supports. */
class OptionsTableTest {
  private static final Path README = Path.of("../README.md");
  private static final String START = "<!-- options-table:start -->";
  private static final String END = "<!-- options-table:end -->";
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-zA-Z.]+)` \\|");

  @Test
  void readmeTableNamesEverySupportedOption() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertTrue(start >= 0 && end > start, "README.md lacks " + START + " / " + END);
    Set<String> documented = new TreeSet<>();
    Matcher m = ROW.matcher(readme.substring(start, end));
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertEquals(new TreeSet<>(new AdjointProcessor().getSupportedOptions()), documented);
  }
}
