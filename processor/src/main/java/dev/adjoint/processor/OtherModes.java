package dev.adjoint.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ToBeRecorded;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.ForwardPlan;
import dev.adjoint.processor.forward.Callees;
import dev.adjoint.processor.forward.ForwardMode;
import dev.adjoint.processor.forward.Unsupported;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Mode;
import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.optimize.Optimizer;
import dev.adjoint.processor.optimize.TangentFolding;
import dev.adjoint.processor.reverse.ReverseMode;
import dev.adjoint.processor.rules.DerivativeRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.ExecutableElement;

/**
 * The modes besides reverse that a method asks for ({@code @Differentiable(modes = ...)}):
 * forward mode on the lowered method, and second order as the tangent of the reverse-mode
 * adjoint seeded with 1 (forward over reverse). What a mode does not support is a compile error
 * at the construct, naming the mode; the method then gets no generated code.
 */
final class OtherModes {
  private final DerivativeRegistry derivatives;
  private final Callees callees;

  OtherModes(DerivativeRegistry derivatives, Callees callees) {
    this.derivatives = derivatives;
    this.callees = callees;
  }

  /** The modes {@code requested} stands for: second order builds on forward mode's methods. */
  static Set<Mode> expand(Set<Mode> requested) {
    Set<Mode> out = java.util.EnumSet.copyOf(requested);
    if (out.contains(Mode.HESSIAN)) {
      out.add(Mode.FORWARD);
    }
    return out;
  }

  /** The plan of the modes asked for, or empty after reporting why a mode cannot be had. */
  Optional<ForwardPlan> plan(Set<Mode> requested, Function lowered, List<Var> independents,
      Map<Integer, RecordShape> records, Activity activity, ToBeRecorded recording,
      Predicate<Expr.Invoke> split, ExecutableElement method, CompilationUnitTree unit,
      Diagnostics diagnostics) {
    Set<Mode> modes = expand(requested);
    if (!modes.contains(Mode.FORWARD)) {
      return Optional.of(ForwardPlan.NONE);
    }
    Mode current = Mode.FORWARD;
    try {
      if (!records.isEmpty()) {
        throw new UnsupportedRequest("a record parameter");
      }
      if (method.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID) {
        throw new UnsupportedRequest("a void method (one writing its result into an array)");
      }
      ForwardMode.Output jvp = null;
      if (modes.contains(Mode.FORWARD)) {
        jvp = TangentFolding.apply(readable(TangentFolding.apply(
            ForwardMode.jvp(lowered, independents, callees))));
      }
      ReverseMode.Output gradient = null;
      ForwardMode.Output hvp = null;
      ReverseMode.Output adjoint = null;
      ForwardMode.Output adjointTangent = null;
      Var seed = ReverseMode.seedParameter(dev.adjoint.processor.ir.Type.DOUBLE);
      if (modes.contains(Mode.HESSIAN)) {
        current = Mode.HESSIAN;
        if (method.getReturnType().getKind() != javax.lang.model.type.TypeKind.DOUBLE) {
          throw new UnsupportedRequest("a result that is not a double (a Hessian is of a"
              + " scalar function)");
        }
        // Callees are reversed whole (fPullback), whose tangent fPullbackJvp is: not split.
        gradient = Optimizer.apply(ReverseMode.apply(lowered, independents, activity, recording,
            Expr.Const.ofDouble(1), derivatives, call -> false));
        hvp = TangentFolding.apply(ForwardMode.ofAdjoint(gradient.function(),
            gradient.sweeps(), independents, gradient.parameterAdjoints().values(), callees));
        // The tangent of the pullback itself, for callers' second order: with respect to the
        // inputs, the seed and the adjoint arrays it adds into.
        adjoint = Optimizer.apply(ReverseMode.apply(lowered, independents, activity, recording,
            dev.adjoint.processor.ir.Exprs.ref(seed), derivatives, call -> false));
        List<Var> inputs = new java.util.ArrayList<>(independents);
        inputs.add(seed);
        for (Var p : independents) {
          if (p.type().isArray() && adjoint.parameterAdjoints().get(p) != null) {
            inputs.add(adjoint.parameterAdjoints().get(p));
          }
        }
        adjointTangent = TangentFolding.apply(ForwardMode.ofAdjoint(adjoint.function(),
            adjoint.sweeps(), inputs, adjoint.parameterAdjoints().values(), callees));
      }
      return Optional.of(new ForwardPlan(jvp, gradient, hvp, adjoint, adjointTangent, seed));
    } catch (Unsupported u) {
      if (u.at().origin() instanceof Tree tree) {
        diagnostics.error(tree, unit, Message.MODE_UNSUPPORTED, u.what(), current, current);
      } else {
        diagnostics.error(method, Message.MODE_UNSUPPORTED, u.what(), current, current);
      }
      return Optional.empty();
    } catch (UnsupportedRequest u) {
      diagnostics.error(method, Message.MODE_UNSUPPORTED, u.getMessage(), current, current);
      return Optional.empty();
    }
  }

  /**
   * The JVP with the optimizer's temporaries inlined, as a pullback's forward sweep is: run as
   * that sweep, with the result and its tangent as what the code after it reads.
   */
  private static ForwardMode.Output readable(ForwardMode.Output jvp) {
    Map<Var, Var> roots = new java.util.LinkedHashMap<>();
    Var result = jvp.function().result();
    if (jvp.dot(result) != null) {
      roots.put(result, jvp.dot(result));
    }
    ReverseMode.Output optimized = Optimizer.apply(new ReverseMode.Output(
        jvp.function(), jvp.sweeps(), roots));
    return new ForwardMode.Output(jvp.function(), optimized.sweeps(), jvp.dots());
  }

  /** What the signature has that a mode does not support. */
  private static final class UnsupportedRequest extends RuntimeException {
    UnsupportedRequest(String what) {
      super(what);
    }
  }
}
