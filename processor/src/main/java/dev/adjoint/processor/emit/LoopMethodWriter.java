package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The private methods one pullback's loop nests become ({@link LoopMethods}), named after the
 * method, the sweep and the source line of the loop: {@code objectiveBackwardLoop32} is the
 * backward sweep of the loop at line 32 of {@code objective}.
 */
final class LoopMethodWriter {
  /** How the caller calls a nest's method. */
  record Call(String name) {}

  private final LoopMethods planner;
  private final String method;
  private final String file;
  /** The names the generated class's methods take; the nests' names are added. */
  private final Set<String> taken;
  private final List<TypeName> exceptions;
  private final List<MethodSpec> methods = new ArrayList<>();
  /** The method the nest being written is called from, for its Javadoc. */
  private String caller;

  /**
   * @param method the user's method name
   * @param pullback the name of its pullback, which calls the nests
   */
  LoopMethodWriter(LoopMethods planner, String method, String pullback, String file,
      Set<String> taken, List<TypeName> exceptions) {
    this.planner = planner;
    this.method = method;
    this.caller = pullback;
    this.file = file;
    this.taken = taken;
    this.exceptions = List.copyOf(exceptions);
  }

  /** The nests of a pullback of {@code parameters} to write as methods. */
  LoopMethods.Plan plan(Sweeps sweeps, List<Var> parameters, Set<Var> readAfter) {
    Set<Var> boundary = new HashSet<>(parameters);
    boundary.addAll(readAfter);
    return planner.plan(List.of(sweeps.forward(), sweeps.backward()), boundary, readAfter);
  }

  /** Writes the method of {@code u} with {@code nest}, after the methods of nests before it. */
  Call write(BodyWriter nest, LoopMethods.Unit u, boolean backward) {
    SourceRef src = u.loop().source();
    String name = unique(method + (backward ? "Backward" : "Forward") + "Loop"
        + (src.isNone() ? "" : String.valueOf(src.line())));
    int slot = methods.size();
    methods.add(null);
    String outer = caller;
    caller = name;
    CodeBlock body = nest.writeUnit(u, planner.inner(u));
    caller = outer;
    MethodSpec.Builder b = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addExceptions(exceptions);
    for (Var v : u.params()) {
      b.addParameter(javaType(v.type()), nest.name(v));
    }
    if (u.takesStacks()) {
      b.addParameter(BodyWriter.STACKS, nest.stacks());
    }
    List<Var> results = u.results();
    b.returns(results.size() == 1 ? javaType(results.get(0).type()) : TypeName.VOID);
    String gives = results.isEmpty() ? ""
        : results.size() == 1 ? " Returns {@code " + nest.name(results.get(0)) + "}."
        : " Pushes " + codes(results, nest) + " on {@code " + nest.stacks()
            + "}, for the caller to pop.";
    b.addJavadoc(Javadoc.of("The $L sweep of the loop at $L$L of {@link #$L}, a method of its own"
        + " so that the JIT compiles it alone ({@code -A$L}).$L\n",
        backward ? "backward" : "forward", file.isEmpty() ? "line " : file + ":",
        src.isNone() ? "?" : String.valueOf(src.line()), outer, LoopMethods.OPTION, gives));
    methods.set(slot, b.addCode(body).build());
    return new Call(name);
  }

  /** {@code name}, else {@code nameb}, {@code namec}, ...: a digit would read as a line. */
  private String unique(String name) {
    String candidate = name;
    for (char c = 'b'; !taken.add(candidate); c++) {
      candidate = name + (c <= 'z' ? String.valueOf(c) : "x" + (int) c);
    }
    return candidate;
  }

  /** The nests' methods, in the order their calls appear in the pullback. */
  List<MethodSpec> methods() {
    return List.copyOf(methods);
  }

  private static String codes(List<Var> vars, BodyWriter nest) {
    List<String> out = new ArrayList<>();
    vars.forEach(v -> out.add("{@code " + nest.name(v) + "}"));
    return String.join(", ", out);
  }

  static TypeName javaType(Type type) {
    switch (type) {
      case DOUBLE:
        return TypeName.DOUBLE;
      case LONG:
        return TypeName.LONG;
      case INT:
        return TypeName.INT;
      case CHAR:
        return TypeName.CHAR;
      case BOOLEAN:
        return TypeName.BOOLEAN;
      case DOUBLE_ARRAY:
        return ArrayTypeName.of(TypeName.DOUBLE);
      case DOUBLE_MATRIX:
        return ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));
      case INT_ARRAY:
        return ArrayTypeName.of(TypeName.INT);
      default:
        throw new IllegalArgumentException(type + " is not a loop method's parameter type");
    }
  }
}
