package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Copies of a {@code double[]}: {@code a.clone()}, {@code Arrays.copyOf(a, n)} and {@code
 * Arrays.copyOfRange(a, i, j)} are read as kernels of the runtime's {@code ArrayCopies}, which
 * compute the same arrays and carry the pullbacks (the copy's adjoint is added back into the
 * elements copied).
 */
final class ArrayCopyCalls {
  static final ClassRef OWNER = new ClassRef("dev.adjoint.runtime", "ArrayCopies");

  private ArrayCopyCalls() {}

  /**
   * The copy {@code call} makes, if it is one: {@code receiver} is the clone's array (read by the
   * caller only for a {@code clone()} with no arguments), {@code owner} the class a qualifier
   * names.
   */
  static Optional<Expr> read(MethodInvocationTree call, TypeElement owner, List<Expr> args,
      java.util.function.Function<ExpressionTree, Expr> receiver) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Optional.empty();
    }
    String name = select.getIdentifier().toString();
    if (owner == null && name.equals("clone") && args.isEmpty()) {
      Expr array = receiver.apply(select.getExpression());
      if (array.type() == Type.DOUBLE_MATRIX) {
        throw shallow(call, "clone()");
      }
      return array.type() == Type.DOUBLE_ARRAY
          ? Optional.of(kernel("copy", List.of(array))) : Optional.empty();
    }
    boolean arrays = owner != null && owner.getQualifiedName().contentEquals("java.util.Arrays");
    if (arrays && !args.isEmpty() && args.get(0).type() == Type.DOUBLE_MATRIX
        && (name.equals("copyOf") || name.equals("copyOfRange"))) {
      throw shallow(call, "Arrays." + name);
    }
    if (!arrays || args.isEmpty() || args.get(0).type() != Type.DOUBLE_ARRAY) {
      return Optional.empty();
    }
    boolean ints = args.stream().skip(1).allMatch(a -> a.type() == Type.INT);
    if (name.equals("copyOf") && args.size() == 2 && ints
        || name.equals("copyOfRange") && args.size() == 3 && ints) {
      return Optional.of(kernel(name, args));
    }
    return Optional.empty();
  }

  /** Java's copies of a matrix are shallow: accepted, they would share rows with it. */
  private static Unsupported shallow(MethodInvocationTree call, String copy) {
    return new Unsupported(call, Message.UNSUPPORTED, copy + " of a double[][] (a shallow copy"
        + " in Java: it shares its rows with the original)", "copy it row by row: double[][] c ="
        + " new double[m.length][m[0].length]; for (...) System.arraycopy(m[i], 0, c[i], 0,"
        + " m[i].length);");
  }

  private static Expr kernel(String name, List<Expr> args) {
    return new Expr.Invoke(Expr.Invoke.Kind.KERNEL, OWNER, name, args, List.of(0),
        Type.DOUBLE_ARRAY);
  }
}
