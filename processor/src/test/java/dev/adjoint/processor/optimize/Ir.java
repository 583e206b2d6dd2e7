package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Set;

/** Shorthands for the IR the optimizer tests build by hand. */
final class Ir {
  private Ir() {}

  static final SourceRef SRC = SourceRef.NONE;

  static Var param(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.PARAM);
  }

  static Var local(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.LOCAL);
  }

  static Var temp(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.TEMP);
  }

  static Var adjoint(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.ADJOINT);
  }

  static Var array(String name, Var.Role role) {
    return new Var(name, Type.DOUBLE_ARRAY, role);
  }

  static Var index(String name) {
    return new Var(name, Type.INT, Var.Role.LOCAL);
  }

  static Expr ref(Var v) {
    return Exprs.ref(v);
  }

  static Expr c(double v) {
    return Expr.Const.ofDouble(v);
  }

  static Expr mul(Expr a, Expr b) {
    return new Expr.Binary(Op.MUL, a, b);
  }

  static Expr add(Expr a, Expr b) {
    return new Expr.Binary(Op.ADD, a, b);
  }

  static Expr sin(Expr a) {
    return new Expr.Call("Math", "sin", List.of(a), Type.DOUBLE);
  }

  static Expr at(Var array, Var i) {
    return new Expr.Index(ref(array), ref(i));
  }

  static Expr pop() {
    return new Expr.Pop(Type.DOUBLE);
  }

  /** A callee's pullback call: it adds into adjoints, so it has an effect. */
  static Expr.Invoke pullback(Expr arg) {
    return new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, new ClassRef("p", "CAdjoint"), "gPullback",
        List.of(arg), List.of(0), Type.DOUBLE);
  }

  static Stmt set(Var v, Expr e) {
    return Stmt.Assign.set(v, e, SRC);
  }

  static Stmt inc(Var v, Expr e) {
    return Stmt.Assign.add(v, e, SRC);
  }

  static Stmt store(Var array, Var i, Expr e, boolean accumulate) {
    return new Stmt.Store(ref(array), ref(i), e, accumulate, SRC);
  }

  static Stmt iff(Expr condition, List<Stmt> then, List<Stmt> otherwise) {
    return new Stmt.If(condition, then, otherwise, SRC);
  }

  static Stmt loop(Expr condition, List<Stmt> body) {
    return new Stmt.Loop(condition, body, List.of(), SRC);
  }

  static Expr less(Expr a, Expr b) {
    return new Expr.Binary(Op.LT, a, b);
  }

  static Sweeps sweeps(List<Stmt> forward, List<Stmt> backward) {
    return new Sweeps(forward, backward);
  }

  /** Runs one pass with {@code roots} read after the body. */
  static Sweeps run(Pass pass, Sweeps body, Var... roots) {
    return pass.apply(body, new Context(Set.of(roots)));
  }
}
