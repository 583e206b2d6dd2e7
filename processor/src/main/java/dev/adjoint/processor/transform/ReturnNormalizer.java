package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives a function a single exit: every {@code return e} becomes {@code value = e}, and the
 * code after an {@code if} that may return moves into the branches that fall through. The
 * backward sweep then starts from one place, whatever path the forward sweep took.
 */
public final class ReturnNormalizer {
  private final Var result = new Var("value", Type.DOUBLE, Var.Role.RESULT);

  private ReturnNormalizer() {}

  public static Function apply(Function fn) {
    ReturnNormalizer n = new ReturnNormalizer();
    return new Function(fn.name(), fn.params(), n.normalize(fn.body(), List.of()), n.result);
  }

  /** Normalizes {@code block} followed (if it falls through) by {@code rest}. */
  private List<Stmt> normalize(List<Stmt> block, List<Stmt> rest) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      Stmt s = block.get(i);
      if (s instanceof Stmt.Return r) {
        out.add(Stmt.Assign.set(result, r.value(), r.source()));
        return out;
      }
      if (s instanceof Stmt.If branch && containsReturn(branch)) {
        List<Stmt> tail = new ArrayList<>(block.subList(i + 1, block.size()));
        tail.addAll(rest);
        out.add(new Stmt.If(branch.condition(), normalize(branch.then(), tail),
            normalize(branch.otherwise(), tail), branch.source()));
        return out;
      }
      if (s instanceof Stmt.If branch) {
        out.add(new Stmt.If(branch.condition(), normalize(branch.then(), List.of()),
            normalize(branch.otherwise(), List.of()), branch.source()));
      } else {
        out.add(s);
      }
    }
    if (!rest.isEmpty()) {
      // The tail may be needed on several paths: each gets its own statements.
      out.addAll(normalize(Stmts.copy(rest), List.of()));
    }
    return out;
  }

  private static boolean containsReturn(Stmt s) {
    boolean[] found = {false};
    Stmts.walk(List.of(s), t -> found[0] |= t instanceof Stmt.Return);
    return found[0];
  }
}
