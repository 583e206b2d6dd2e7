package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.reverse.ReverseMode;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * Everything the emitter needs about one differentiated method.
 *
 * @param element the user's method
 * @param independents the differentiated parameters, in declaration order
 * @param pullback the optimized adjoint with {@code seed} as the result's adjoint; the
 *     value-and-gradient call delegates to it
 * @param seed the pullback's seed parameter
 * @param sourceFile the user's file name, for comments
 * @param firstLine first line of the method in that file
 * @param lastLine last line of the method
 * @param qualifyMath whether a class of the package is called {@code Math} or {@code
 *     StrictMath}, so generated code must name {@code java.lang}'s in full
 */
public record MethodPlan(
    ExecutableElement element,
    List<Var> parameters,
    List<Var> independents,
    ReverseMode.Output pullback,
    Var seed,
    String sourceFile,
    int firstLine,
    int lastLine,
    boolean qualifyMath) {

  /** Whether the method returns a {@code double[]}: its seed is an array of the result's shape. */
  public boolean vectorResult() {
    return seed.type().isArray();
  }

  /** False for a plain helper that a {@code @Differentiable} method calls. */
  public boolean annotated() {
    return element.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType()
        .toString().equals("dev.adjoint.Differentiable"));
  }
}
