package dev.adjoint.processor.emit.checks;

import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.AdjointClassGenerator;
import dev.adjoint.processor.emit.MethodPlan;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * What the generated code could not do although the user's code can, reported before any is
 * written: see a private class, or take more parameters than the JVM allows.
 */
public final class GeneratedCodeLimits {
  /** JVMS 4.3.3: a method's parameters take at most 255 local-variable slots. */
  static final int MAX_SLOTS = 255;

  private final Elements elements;

  public GeneratedCodeLimits(Elements elements) {
    this.elements = elements;
  }

  /**
   * A private class (or one nested in a private class) is visible only inside its top-level
   * class, and the generated class is another top-level class: it could not call the class's
   * helpers nor a callee's original method. Reported at each annotated method.
   */
  public void checkVisible(TypeElement owner, List<ExecutableElement> methods,
      Diagnostics diagnostics) {
    for (Element e = owner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        String generated = AdjointClassGenerator.adjointClassName(owner, elements).simpleName();
        for (ExecutableElement m : methods) {
          diagnostics.error(m, Message.PRIVATE_CLASS, m.getSimpleName(), t.getQualifiedName(),
              generated, t.getSimpleName());
        }
        return;
      }
    }
  }

  /**
   * The pullback takes the user's parameters and seed, grad, the array adjoints and the
   * stacks; the record's constructor takes {@code this}, the value and the partials.
   */
  public void checkSlots(MethodPlan plan, Diagnostics diagnostics) {
    // The receiver of an instance method comes first.
    int user = plan.element().getModifiers().contains(Modifier.STATIC) ? 0 : 1;
    for (var p : plan.element().getParameters()) {
      user += slots(p.asType().getKind());
    }
    int pullback = user + 2; // seed
    int record = 1 + 2; // this, value
    boolean scalars = false;
    for (Var p : plan.independents()) {
      scalars |= p.type() == Type.DOUBLE;
      pullback += p.type().isArray() ? 1 : 0;
      record += p.type() == Type.DOUBLE ? 2 : 1;
    }
    boolean[] loops = {false};
    Stmts.walk(plan.pullback().function().body(), s -> loops[0] |= s instanceof Stmt.Loop);
    pullback += (scalars ? 1 : 0) + (loops[0] ? 1 : 0); // grad, stacks
    String method = plan.element().getSimpleName().toString();
    if (pullback > MAX_SLOTS) {
      diagnostics.error(plan.element(), Message.TOO_MANY_PARAMETERS, method + "Pullback", method,
          pullback);
    } else if (record > MAX_SLOTS) {
      diagnostics.error(plan.element(), Message.TOO_MANY_PARAMETERS,
          "record constructor", method, record);
    }
  }

  private static int slots(TypeKind kind) {
    return kind == TypeKind.DOUBLE || kind == TypeKind.LONG ? 2 : 1;
  }

  /** JVMS 4.7.3: a method's code is less than 65,536 bytes. */
  static final int MAX_CODE_BYTES = 65_535;

  /**
   * Bytes a node of the IR becomes: a load, an operator or a store is one to four bytes of
   * bytecode, a constant three. Measured: a 1,000-term sum's pullback has 25,000 nodes and
   * 63,946 bytes (2.6 a node); 3 errs high, so a method near the limit is refused with this
   * error rather than failing inside javac.
   */
  static final int BYTES_PER_NODE = 3;

  /**
   * A generated method javac would refuse as "code too large" is an error at the user's method
   * instead, sized from the IR before any code is written.
   */
  public void checkCodeSize(MethodPlan plan, Diagnostics diagnostics) {
    String method = plan.element().getSimpleName().toString();
    long pullback = (long) BYTES_PER_NODE * IrSize.of(plan.pullback().function().body());
    if (pullback > MAX_CODE_BYTES) {
      diagnostics.error(plan.element(), Message.CODE_TOO_LARGE, method + "Pullback", method,
          pullback / 1024, method);
    }
  }

  /**
   * The same error before differentiation, when the method's own lowered body already sizes
   * past the limit: the pullback's forward sweep holds every statement of it, so the pullback
   * cannot fit, and differentiating thousands of statements only to refuse them would cost
   * seconds. Returns whether it reported.
   */
  public static boolean checkPrimalSize(ExecutableElement method, Function lowered,
      Diagnostics diagnostics) {
    long primal = (long) BYTES_PER_NODE * IrSize.of(lowered.body());
    if (primal <= MAX_CODE_BYTES) {
      return false;
    }
    String name = method.getSimpleName().toString();
    diagnostics.error(method, Message.CODE_TOO_LARGE, name + "Pullback", name, primal / 1024,
        name);
    return true;
  }
}
