package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.fuzz.Ast.Node;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator produces what split reversal handles: helpers taking an array called in loops
 * (their halves on the caller's stacks), some with an array the caller also stores into, and
 * mutually recursive pairs {@code r1}/{@code r2}.
 */
class SplitCallsGenerationTest {

  @Test
  void generatesArrayHelpersInLoopsAndMutualRecursion() {
    int arrayHelperInLoop = 0;
    int writtenToo = 0;
    int mutual = 0;
    for (long seed = 1; seed <= 400; seed++) {
      Program p = ProgramGenerator.generate(seed);
      Set<String> arrayHelpers = new HashSet<>();
      for (Program.Method m : p.methods()) {
        if (m.params().stream().anyMatch(q -> q.type() == Program.Type.ARRAY)) {
          arrayHelpers.add(m.name());
        }
      }
      mutual += p.methods().stream().anyMatch(m -> m.name().equals("r2")) ? 1 : 0;
      Set<String> passed = new HashSet<>();
      Set<String> stored = new HashSet<>();
      for (Program.Method m : p.methods()) {
        collect(m.body(), false, arrayHelpers, passed, stored);
      }
      arrayHelperInLoop += passed.isEmpty() ? 0 : 1;
      passed.retainAll(stored);
      writtenToo += passed.isEmpty() ? 0 : 1;
    }
    assertTrue(arrayHelperInLoop >= 8, arrayHelperInLoop + " of 400 pass an array to a helper"
        + " in a loop");
    assertTrue(writtenToo >= 3, writtenToo + " of 400 also store into such an array");
    assertTrue(mutual >= 5, mutual + " of 400 have mutually recursive helpers");
  }

  private static void collect(Node n, boolean inLoop, Set<String> helpers, Set<String> passed,
      Set<String> stored) {
    boolean loop = inLoop || n instanceof Ast.For || n instanceof Ast.While
        || n instanceof Ast.ForEach || n instanceof Ast.ForEachRow;
    if (loop && n instanceof Ast.Call c && helpers.contains(c.method())) {
      c.args().stream().filter(a -> a instanceof Ast.ArrayName)
          .forEach(a -> passed.add(((Ast.ArrayName) a).name()));
    }
    if (n instanceof Ast.Store st) {
      stored.add(st.array());
    }
    for (Node k : n.kids()) {
      collect(k, loop, helpers, passed, stored);
    }
  }
}
