package dev.adjoint.processor.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of the processor are its phases, and a phase never depends on a later one: the
 * frontend knows nothing of how derivatives are written, the emitter reads only the IR and what
 * the transforms hand it. A new package must take its place in {@link #PHASES}.
 */
class PhaseOrderTest {
  private static final String ROOT = "dev.adjoint.processor";

  /** Earliest first. Packages on one line are the same phase and may import each other. */
  private static final List<List<String>> PHASES = List.of(
      List.of("ir", "diag"),
      List.of("rules"),
      List.of("frontend"),
      List.of("verify"),
      List.of("lower"),
      List.of("analysis"),
      List.of("reverse", "forward"),
      List.of("optimize"),
      List.of("emit"));

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  /** An import or a qualified name in code or Javadoc: {@code dev.adjoint.processor.emit.}. */
  private static final Pattern USE = Pattern.compile(Pattern.quote(ROOT) + "\\.(\\w+)\\.");

  @Test
  void noPhaseImportsALaterOne() throws IOException {
    Path sources = Path.of("src/main/java", ROOT.split("\\."));
    TreeSet<String> violations = new TreeSet<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        String text = Files.readString(file);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find() || pkg.group(1).equals(ROOT)) {
          continue; // the processor and its pipeline run every phase
        }
        String phase = pkg.group(1).substring(ROOT.length() + 1).split("\\.")[0];
        int rank = rank(phase);
        if (rank < 0) {
          violations.add(phase + " is not one of the phases");
          continue;
        }
        Matcher imp = USE.matcher(text.substring(pkg.end()));
        while (imp.find()) {
          String used = imp.group(1);
          int usedRank = Character.isUpperCase(used.charAt(0)) ? Integer.MAX_VALUE : rank(used);
          if (usedRank > rank) {
            violations.add(phase + " uses " + used + " (" + file.getFileName() + ")");
          }
        }
      }
    }
    assertEquals(new TreeSet<>(), violations);
  }

  private static int rank(String phase) {
    for (int i = 0; i < PHASES.size(); i++) {
      if (PHASES.get(i).contains(phase)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void everyPhaseIsAPackage() {
    List<String> missing = new ArrayList<>();
    for (List<String> phase : PHASES) {
      for (String p : phase) {
        if (!Files.isDirectory(Path.of("src/main/java", ROOT.split("\\.")).resolve(p))) {
          missing.add(p);
        }
      }
    }
    assertEquals(List.of(), missing);
  }
}
