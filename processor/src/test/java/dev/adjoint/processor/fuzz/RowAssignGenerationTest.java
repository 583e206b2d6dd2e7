package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generator assigns whole rows, of each kind of new array, in loops too (issue 10). */
class RowAssignGenerationTest {
  /** A row's store: a double[] value, which no element store has. */
  private static final Pattern ROW = Pattern.compile("^\\s*\\w+\\[[^\\]]+\\] = (LinearAlgebra\\."
      + "(tanh|sigmoid|exp|scale|add|hadamard|matVec)\\(|\\w+\\.clone\\(\\);|new double\\[\\] \\{|vec\\w+\\()");

  @Test
  void generatesRowAssignments() {
    int programs = 0;
    int fromKernels = 0;
    int clones = 0;
    int initializers = 0;
    for (long seed = 0; seed < 1200; seed++) {
      String java = ProgramGenerator.generate(seed).toJava("P" + seed);
      boolean any = false;
      for (String line : java.split("\n")) {
        if (ROW.matcher(line).find()) {
          any = true;
          fromKernels += line.contains("LinearAlgebra.") ? 1 : 0;
          clones += line.contains(".clone()") ? 1 : 0;
          initializers += line.contains("new double[] {") ? 1 : 0;
        }
      }
      programs += any ? 1 : 0;
    }
    assertTrue(programs >= 30, programs + " programs of 1200 assign a row");
    assertTrue(fromKernels >= 5 && clones >= 5 && initializers >= 5,
        fromKernels + " kernel results, " + clones + " clones, " + initializers
            + " initializers assigned to rows");
  }
}
