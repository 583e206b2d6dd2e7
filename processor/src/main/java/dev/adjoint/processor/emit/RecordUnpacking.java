package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.RecordArg;
import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The pullback of a method with a record parameter {@code p} works on its leaves: a prologue
 * reads the ones the body uses ({@code double[][] w1 = p.w1();}) and names the arrays of the
 * caller's storage it adds into ({@code double[][] w1Bar = pBar.w1;}); an epilogue adds the
 * scalar leaves' adjoints into the storage ({@code pBar.b2 += b2Bar;}).
 */
final class RecordUnpacking {
  private final Set<Var> used = new HashSet<>();
  private final Function<Var, String> names;
  private final Map<Var, Var> adjoints;

  RecordUnpacking(List<Stmt> body, Function<Var, String> names, Map<Var, Var> adjoints) {
    this.names = names;
    this.adjoints = adjoints;
    // A record passed whole is printed as itself, so its leaves are not read one by one there.
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Assign a) {
        read(a.value());
        if (a.accumulate()) {
          used.add(a.target());
        }
      } else if (s instanceof Stmt.If i) {
        read(i.condition());
      } else if (s instanceof Stmt.Loop l) {
        read(l.condition());
      } else if (s instanceof Stmt.Return r) {
        read(r.value());
      } else if (s instanceof Stmt.Store st) {
        read(st.array());
        read(st.index());
        read(st.value());
      } else if (s instanceof Stmt.Push p) {
        read(p.value());
      } else if (s instanceof Stmt.Evaluate ev) {
        read(ev.call());
      }
      used.addAll(Stmts.writes(s));
    });
  }

  private void read(Expr e) {
    if (e == null) {
      return;
    } else if (e instanceof Expr.Ref r) {
      used.add(r.var());
    } else if (e instanceof Expr.Invoke call && !call.records().isEmpty()) {
      for (int i = 0; i < call.args().size(); i++) {
        if (call.recordAt(i) == null) {
          read(call.args().get(i));
        }
      }
      return;
    }
    Exprs.children(e).forEach(this::read);
  }

  /**
   * Names the storage callees add a record's gradient into: the caller's storage or a
   * component of it ({@code LayerBar l1Bar = pBar.l1;}), or, where the caller has none,
   * scratch storage allocated once here ({@code LayerBar l1Bar = LayerBar.zerosLike(p.l1())}).
   *
   * @param callerStorage the storage parameter of each differentiated record parameter
   */
  void storage(Map<Var, RecordArg> storage, Map<String, String> callerStorage,
      MethodSpec.Builder method) {
    // Outer records first: a component's scratch is a part of its record's, if that has one.
    Map<List<String>, String> scratch = new java.util.HashMap<>();
    storage.entrySet().stream().filter(e -> used.contains(e.getKey()))
        .sorted(java.util.Comparator.comparingInt(e -> e.getValue().path().size()))
        .forEach(e -> {
          List<String> path = e.getValue().path();
          String name = names.apply(e.getKey());
          ClassName type = RecordStorageClass.name(e.getValue().shape().type());
          String root = callerStorage.get(path.get(0));
          for (int n = path.size() - 1; root == null && n > 0; n--) {
            root = scratch.get(path.subList(0, n));
            if (root != null) {
              path = path.subList(n - 1, path.size());
            }
          }
          if (root == null) {
            method.addStatement("$T $L = $T.zerosLike($L)", type, name, type,
                e.getValue().value());
            scratch.put(e.getValue().path(), name);
          } else if (path.size() > 1) {
            method.addStatement("$T $L = $L.$L", type, name, root,
                String.join(".", path.subList(1, path.size())));
          }
        });
  }

  /** The prologue for record parameter {@code record}; {@code storage} null if not wrt. */
  void unpack(String record, RecordShape shape, String storage, MethodSpec.Builder method) {
    leaves(record, shape, method);
    if (storage != null) {
      adjointArrays(storage, shape, method);
    }
  }

  private void leaves(String path, RecordShape shape, MethodSpec.Builder method) {
    for (RecordShape.Component c : shape.components()) {
      String access = path + "." + c.name() + "()";
      if (c.nested() != null) {
        leaves(access, c.nested(), method);
      } else if (used.contains(c.leaf())) {
        // An enum or String component: its type may be hidden here, var names none.
        String type = c.leaf().type() == Type.OBJECT ? "var" : c.leaf().type().javaName();
        method.addStatement("$L $L = $L", type, names.apply(c.leaf()), access);
      }
    }
  }

  private void adjointArrays(String path, RecordShape shape, MethodSpec.Builder method) {
    for (RecordShape.Component c : shape.components()) {
      String field = path + "." + c.name();
      if (c.nested() != null && c.nested().isDifferentiable()) {
        adjointArrays(field, c.nested(), method);
      } else if (c.leaf() != null && c.leaf().type().isArray()) {
        Var bar = adjoints.get(c.leaf());
        if (bar != null && used.contains(bar)) {
          method.addStatement("$L $L = $L", bar.type().javaName(), names.apply(bar), field);
        }
      }
    }
  }

  /**
   * {@code pBar.b2 += b2Bar} for each scalar leaf with an adjoint; a blank line before the
   * first statement of the epilogue ({@code first}). Returns whether none was written yet.
   */
  boolean addScalars(String path, RecordShape shape, boolean first, MethodSpec.Builder method) {
    for (RecordShape.Component c : shape.components()) {
      String field = path + "." + c.name();
      if (c.nested() != null && c.nested().isDifferentiable()) {
        first = addScalars(field, c.nested(), first, method);
      } else if (c.leaf() != null && c.leaf().type() == Type.DOUBLE) {
        Var bar = adjoints.get(c.leaf());
        if (bar != null) {
          if (first) {
            method.addCode("\n");
            first = false;
          }
          method.addStatement("$L += $L", field, names.apply(bar));
        }
      }
    }
    return first;
  }
}
