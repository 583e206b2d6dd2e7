package dev.adjoint.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code void @Differentiable} method that writes into one {@code double[]} parameter {@code
 * y} is differentiated as if it ended in {@code return y;}: its pullback is the vector-Jacobian
 * product of y's values on exit, the seed being their adjoint, with respect to the values on
 * entry (y's own adjoint included, through the set-aside of a written parameter). Its callers
 * read its body in instead ({@code frontend/InlinedCalls}), so this is only its public API.
 */
final class VoidResults {
  private VoidResults() {}

  /**
   * {@code read} with {@code return y;} at its end, or empty after reporting why not: a return
   * before the end, or not exactly one written {@code double[]} parameter.
   */
  static Optional<Function> withResult(Function read, List<String> written, Tree method,
      CompilationUnitTree unit, Diagnostics diagnostics) {
    List<Stmt> body = new ArrayList<>(read.body());
    if (!body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return) {
      body.remove(body.size() - 1);
    }
    boolean[] early = {false};
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Return r && !early[0]) {
        early[0] = true;
        Object at = r.source().origin();
        diagnostics.error(at instanceof Tree t ? t : method, unit, Message.UNSUPPORTED,
            "a return before the end of a void @Differentiable method", "use if/else so that"
            + " the method ends at its last statement");
      }
    });
    List<Var> arrays = read.params().stream()
        .filter(p -> p.type() == Type.DOUBLE_ARRAY && written.contains(p.name())).toList();
    if (arrays.size() != 1) {
      diagnostics.error(method, unit, Message.UNSUPPORTED, "a void @Differentiable method that"
          + " writes into " + (arrays.isEmpty() ? "no double[] parameter" : "several ("
          + String.join(", ", arrays.stream().map(Var::name).toList()) + ")"), "its pullback's"
          + " seed is the adjoint of the one double[] parameter it writes; write into exactly"
          + " one, or return a double[], or leave it unannotated: calls of it are read into"
          + " their callers");
      return Optional.empty();
    }
    if (early[0]) {
      return Optional.empty();
    }
    body.add(new Stmt.Return(Exprs.ref(arrays.get(0)), SourceRef.NONE));
    return Optional.of(read.withBody(body));
  }
}
