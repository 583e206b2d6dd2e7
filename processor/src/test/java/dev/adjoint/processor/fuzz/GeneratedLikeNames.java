package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Node;
import dev.adjoint.processor.fuzz.Program.Method;
import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.fuzz.Program.Type;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generation option (issue 8): user names equal to the names the generated code uses, its
 * variables ({@code seed}, {@code grad}, {@code stacks}, {@code xBar}), the classes it calls
 * ({@code Math}, {@code Stacks}, {@code LinearAlgebra}), its records and methods ({@code
 * FGradient}, {@code fPullback}, the loop nests' {@code fBackwardLoop5}). On for a quarter
 * of the programs; its choices come from a stream of their own, so the programs it leaves alone
 * are exactly those of the seed without it.
 * A variable named {@code Math} or {@code LinearAlgebra} makes the printer name those classes in
 * full ({@link #mentions}), as a user would have to.
 */
final class GeneratedLikeNames {

  /** Names of the generated code's variables and of classes it may name by their simple name. */
  private static final List<String> VARIABLES = List.of("seed", "grad", "stacks", "value",
      "result", "xBar", "x0Bar", "pBar", "dX", "iterations", "broke", "branch", "calleeGradient",
      "exp", "sin", "withoutDerivative", "Stacks", "Gradients", "Double", "Integer", "Long", "FGradient", "Math",
      "LinearAlgebra", "StrictMath");

  /** Names of the generated class's methods and records, and of its variables, as methods. */
  private static final List<String> METHODS = List.of("fPullback", "FGradient", "seed",
      "stacks", "grad", "value", "fForwardLoop4", "fBackwardLoop4", "fForwardLoop5",
      "fBackwardLoop5", "fBackwardLoop6", "fBackwardLoop7");

  private final Random r;
  private final boolean on;
  private final Set<String> used = new HashSet<>();
  private final Set<String> methods = new HashSet<>();

  private GeneratedLikeNames(long seed) {
    this.r = new Random(seed * 0x9E3779B97F4A7C15L + 8);
    this.on = r.nextDouble() < 0.25;
  }

  static GeneratedLikeNames forSeed(long seed) {
    return new GeneratedLikeNames(seed);
  }

  /** A new attempt at a program: its helpers may take the names again. */
  void beginProgram() {
    methods.clear();
  }

  /** A new method: its variables may take the names again. */
  void beginMethod() {
    used.clear();
  }

  /** {@code name}, or sometimes a name of the generated code's not yet used in this method. */
  String variable(String name) {
    return pick(name, VARIABLES, used, 0.3);
  }

  /** {@code name} for a helper, or sometimes a name of the generated class's. */
  String method(String name) {
    return pick(name, METHODS, methods, 0.5);
  }

  private String pick(String name, List<String> pool, Set<String> taken, double p) {
    if (!on || r.nextDouble() >= p) {
      return name;
    }
    List<String> free = new ArrayList<>(pool);
    free.removeAll(taken);
    if (free.isEmpty()) {
      return name;
    }
    String chosen = free.get(r.nextInt(free.size()));
    taken.add(chosen);
    return chosen;
  }

  /**
   * Whether two generated methods would share a signature: a helper named {@code fPullback} whose
   * parameters are those of {@code f}'s pullback. A valid program the processor rightly rejects;
   * the generator draws another.
   */
  static boolean clashes(Program p) {
    Method main = p.main();
    List<String> pullback = new ArrayList<>();
    for (Param q : main.params()) {
      pullback.add(q.type().java);
    }
    pullback.add("double");
    boolean scalars = false;
    List<String> adjoints = new ArrayList<>();
    for (int i : main.differentiated()) {
      Type t = main.params().get(i).type();
      scalars |= t == Type.DOUBLE;
      if (t != Type.DOUBLE) {
        adjoints.add(t.java);
      }
    }
    if (scalars) {
      pullback.add("double[]");
    }
    pullback.addAll(adjoints);
    for (Method m : p.methods()) {
      if (m != main && m.name().equals(Program.MAIN + "Pullback")
          && m.params().stream().map(q -> q.type().java).toList().equals(pullback)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a parameter or any name in a body of {@code p} is {@code name}. */
  static boolean mentions(Program p, String name) {
    for (Method m : p.methods()) {
      if (m.params().stream().anyMatch(q -> q.name().equals(name)) || mentions(m.body(), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(Node n, String name) {
    RecordComponent[] components = n.getClass().getRecordComponents();
    for (RecordComponent c : components == null ? new RecordComponent[0] : components) {
      if (c.getType() == String.class) {
        try {
          if (name.equals(c.getAccessor().invoke(n))) {
            return true;
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    for (Node k : n.kids()) {
      if (mentions(k, name)) {
        return true;
      }
    }
    return false;
  }
}
