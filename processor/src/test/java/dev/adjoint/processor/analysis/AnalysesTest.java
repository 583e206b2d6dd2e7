package dev.adjoint.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Activity and to-be-recorded analyses on hand-built three-address IR. */
class AnalysesTest {
  private final Var x = new Var("x", Type.DOUBLE, Var.Role.PARAM);
  private final Var y = new Var("y", Type.DOUBLE, Var.Role.PARAM);
  private final Var a = new Var("a", Type.DOUBLE, Var.Role.LOCAL);
  private final Var b = new Var("b", Type.DOUBLE, Var.Role.LOCAL);
  private final Var f = new Var("f", Type.DOUBLE, Var.Role.LOCAL);
  private final Var value = new Var("value", Type.DOUBLE, Var.Role.RESULT);

  @Test
  void activeMeansVariedAndUseful() {
    // a = x * y; b = y * y (never reaches the result); f = floor(x) (no derivative);
    // value = a + f
    Function fn = function(
        set(a, mul(x, y)),
        set(b, mul(y, y)),
        set(f, new Expr.Call("Math", "floor", List.of(Exprs.ref(x)), Type.DOUBLE)),
        set(value, new Expr.Binary(Op.ADD, Exprs.ref(a), Exprs.ref(f))));
    Activity activity = Activity.analyse(fn, List.of(x), true);
    assertTrue(activity.isActive(x));
    assertTrue(activity.isActive(a));
    assertTrue(activity.isActive(value));
    assertFalse(activity.isActive(y), "y is not differentiated and depends on nothing that is");
    assertFalse(activity.isActive(b), "b never reaches the result");
    assertFalse(activity.isActive(f), "floor has no derivative");

    Activity all = Activity.analyse(fn, List.of(x), false);
    assertTrue(all.isActive(b) && all.isActive(f) && all.isActive(y), "switched off: all active");
  }

  @Test
  void recordsOnlyOverwritesTheBackwardSweepReads() {
    // a = x * x reads x in its partials, so the later x = a must save x;
    // b = exp(y) reads only its result, so the later y = b need not save y.
    Stmt.Assign overwriteX = set(x, Exprs.ref(a));
    Stmt.Assign overwriteY = set(y, Exprs.ref(b));
    Function fn = function(
        set(a, mul(x, x)),
        overwriteX,
        set(b, new Expr.Call("Math", "exp", List.of(Exprs.ref(y)), Type.DOUBLE)),
        overwriteY,
        set(value, new Expr.Binary(Op.ADD, Exprs.ref(x), Exprs.ref(y))));
    Activity activity = Activity.analyse(fn, List.of(x, y), true);
    ToBeRecorded tbr = ToBeRecorded.analyse(fn, activity, true);
    assertTrue(tbr.mustSave(overwriteX));
    assertFalse(tbr.mustSave(overwriteY));
    assertEquals(1, tbr.count());

    ToBeRecorded everything = ToBeRecorded.analyse(fn, activity, false);
    assertTrue(everything.mustSave(overwriteX) && everything.mustSave(overwriteY));
  }

  @Test
  void assignmentsInSiblingBranchesDoNotOverwriteEachOther() {
    Var branch = new Var("branch", Type.BOOLEAN, Var.Role.BRANCH);
    Stmt.Assign thenSide = set(value, mul(x, x));
    Stmt.Assign elseSide = set(value, mul(x, y));
    Function fn = function(
        set(branch, new Expr.Binary(Op.GT, Exprs.ref(x), Expr.Const.ofDouble(0))),
        new Stmt.If(Exprs.ref(branch), List.of(thenSide), List.of(elseSide), SourceRef.NONE));
    ToBeRecorded tbr = ToBeRecorded.analyse(fn, Activity.analyse(fn, List.of(x), false), false);
    assertEquals(0, tbr.count(), "each path assigns value once");
  }

  private Function function(Stmt... body) {
    return new Function("f", List.of(x, y), List.of(body), value);
  }

  private static Stmt.Assign set(Var v, Expr e) {
    return Stmt.Assign.set(v, e, SourceRef.NONE);
  }

  private static Expr mul(Var l, Var r) {
    return new Expr.Binary(Op.MUL, Exprs.ref(l), Exprs.ref(r));
  }
}
