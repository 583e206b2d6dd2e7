package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;

/**
 * Everything the emitter needs about one differentiated method.
 *
 * @param element the user's method
 * @param parameters the IR's parameters: the user's, a record parameter replaced by its leaves
 * @param records the shape of each record parameter, by its position in the user's signature
 * @param independents the differentiated IR parameters, in declaration order
 * @param pullback the optimized adjoint with {@code seed} as the result's adjoint; the
 *     value-and-gradient call delegates to it
 * @param halves the adjoint its split halves ({@code ir.SplitReversal}) run: {@code pullback},
 *     or for a loop-free method one that splits its calls of loop-free helpers too (the halves
 *     have their caller's stacks, which its pullback would have to allocate)
 * @param seed the pullback's seed parameter
 * @param sourceFile the user's file name, for comments
 * @param firstLine first line of the method in that file
 * @param lastLine last line of the method
 * @param qualifyMath whether a class of the package is called {@code Math} or {@code
 *     StrictMath}, so generated code must name {@code java.lang}'s in full
 * @param forward what the other modes asked for generate ({@link ForwardPlan#NONE}: nothing)
 */
public record MethodPlan(
    ExecutableElement element,
    List<Var> parameters,
    Map<Integer, RecordShape> records,
    List<Var> independents,
    ReverseMode.Output pullback,
    ReverseMode.Output halves,
    Var seed,
    String sourceFile,
    int firstLine,
    int lastLine,
    boolean qualifyMath,
    ForwardPlan forward) {

  /** Reverse mode only. */
  public MethodPlan(ExecutableElement element, List<Var> parameters,
      Map<Integer, RecordShape> records, List<Var> independents, ReverseMode.Output pullback,
      Var seed, String sourceFile, int firstLine, int lastLine, boolean qualifyMath) {
    this(element, parameters, records, independents, pullback, pullback, seed, sourceFile,
        firstLine, lastLine, qualifyMath, ForwardPlan.NONE);
  }

  /** Whether the method returns a {@code double[]}: its seed is an array of the result's shape. */
  public boolean vectorResult() {
    return seed.type().isArray();
  }

  /**
   * A parameter of the user's method: a plain one is its IR parameter, a record one stands for
   * the leaves of its shape.
   *
   * @param wrt whether it is differentiated (a record: some leaf is)
   */
  public record Parameter(String name, Var plain, RecordShape record, boolean wrt) {}

  /** The user's parameters in declaration order. */
  public List<Parameter> userParameters() {
    List<Parameter> out = new ArrayList<>();
    int flat = 0;
    for (int i = 0; i < element.getParameters().size(); i++) {
      String name = element.getParameters().get(i).getSimpleName().toString();
      RecordShape r = records.get(i);
      if (r != null) {
        out.add(new Parameter(name, null, r,
            r.leaves().stream().anyMatch(independents::contains)));
        flat += r.leaves().size();
      } else {
        Var v = parameters.get(flat++);
        out.add(new Parameter(name, v, null, independents.contains(v)));
      }
    }
    return out;
  }

  /** The differentiated parameters of the user's method, in declaration order. */
  public List<Parameter> wrtParameters() {
    return userParameters().stream().filter(Parameter::wrt).toList();
  }

  /** False for a plain helper that a {@code @Differentiable} method calls. */
  public boolean annotated() {
    return element.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType()
        .toString().equals("dev.adjoint.Differentiable"));
  }
}
