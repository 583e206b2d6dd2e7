package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.reverse.ReverseMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the mechanical output of reverse mode into code a person would write, by a fixed list of
 * small passes, each with one job: fold the chain rule's trivial factors, drop copies back,
 * inline temporaries and adjoints, drop dead code, sink initialisations into the branch that
 * uses them, merge element updates, drop stores of an element's own value, merge accumulations.
 * Every rewrite checks that no variable it reads is written on the way, so values and
 * evaluation order stay those of the mechanical code.
 *
 * <p>Each pass does all it can in one walk over use-def facts it builds once, so the list runs
 * a few times at most (until a round changes nothing), whatever the method's length.
 */
public final class Optimizer {
  /** A bound on rounds, far above what any body needs (each round does all it finds). */
  static final int MAX_ROUNDS = 50;

  private final List<Pass> passes;

  /** Rounds of the last {@link #run} (for the cost test). */
  int rounds;

  Optimizer(List<Pass> passes) {
    this.passes = List.copyOf(passes);
  }

  /** The passes, in the order each round runs them. */
  static Optimizer standard() {
    return new Optimizer(List.of(new Fold(), new DropCopyBack(), new InlineTemporaries(),
        new DeadCode(), new SinkInits(), new MergeElementUpdates(), new DropSelfStores(),
        new MergeAccumulations()));
  }

  /** The adjoint with its sweeps optimized; the result and the parameters' adjoints stay. */
  public static ReverseMode.Output apply(ReverseMode.Output adjoint) {
    Set<Var> roots = new LinkedHashSet<>(adjoint.parameterAdjoints().values());
    roots.add(adjoint.function().result());
    return adjoint.withSweeps(standard().run(adjoint.sweeps(), new Context(roots)));
  }

  Sweeps run(Sweeps body, Context context) {
    // Fresh statement objects: passes key facts by identity, so none may occur twice.
    Sweeps current = new Sweeps(Stmts.copy(body.forward()), Stmts.copy(body.backward()));
    rounds = 0;
    while (rounds < MAX_ROUNDS) {
      rounds++;
      Sweeps next = current;
      for (Pass p : passes) {
        next = p.apply(next, context);
      }
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    return current;
  }

  /** Every statement of both sweeps, nested ones included (for tests). */
  static int size(Sweeps body) {
    int[] n = {0};
    Stmts.walk(body.all(), (Stmt s) -> n[0]++);
    return n[0];
  }
}
