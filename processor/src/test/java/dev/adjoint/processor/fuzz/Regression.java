package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.fuzz.Program.Type;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A shrunk failing program, kept as a regression test: its methods as Java text (the entry point
 * is {@code f}), and the points where its gradient is checked. {@link #check()} runs exactly what
 * the random-program test runs on it: compilation with analyses on and off, then at each point
 * the value against the original (bit for bit), the gradient against finite differences, the
 * pullback against the record and analyses off against on.
 *
 * <pre>{@code
 * Regression.of("""
 *     @Differentiable
 *     public static double f(double x0) {
 *       return Math.sin(x0);
 *     }""").at(0.5).check();
 * }</pre>
 */
final class Regression {

  private final String methods;
  private final List<Object[]> points = new ArrayList<>();
  private boolean requireSmooth = true;

  private Regression(String methods) {
    this.methods = methods;
  }

  static Regression of(String methods) {
    return new Regression(methods);
  }

  /** A point: one argument per parameter of {@code f} ({@code double}, {@code int}, arrays). */
  Regression at(Object... args) {
    points.add(args);
    return this;
  }

  /**
   * The points need not pass the smoothness screen: where one does not, the gradient is not
   * compared with finite differences, everything else is checked.
   */
  Regression roughPointsToo() {
    requireSmooth = false;
    return this;
  }

  String source() {
    StringBuilder sb = new StringBuilder();
    sb.append("package ").append(Program.PACKAGE).append(";\n\n");
    sb.append("import dev.adjoint.Differentiable;\n");
    sb.append("import dev.adjoint.runtime.LinearAlgebra;\n\n");
    sb.append("public final class ").append(BatchCompiler.className(0)).append(" {\n");
    for (String line : methods.split("\n", -1)) {
      sb.append(line.isEmpty() ? "" : "  " + line).append('\n');
    }
    sb.append("}\n");
    return sb.toString();
  }

  void check() {
    String text = source();
    BatchCompiler.Result on = BatchCompiler.compileTexts(List.of(text), true);
    BatchCompiler.Result off = BatchCompiler.compileTexts(List.of(text), false);
    for (BatchCompiler.Result r : List.of(on, off)) {
      Failure f = r.failures().get(0);
      if (f != null) {
        fail(f.signature() + (r == off ? " (analyses off)" : "") + ": " + f.detail() + "\n"
            + text);
      }
    }
    BatchCompiler.Loaded loadedOn = on.loaded().get(0);
    Checker.Subject subject = subject(loadedOn);
    Checker.Verdict v =
        new Checker(subject).run(loadedOn, off.loaded().get(0), 0, points, requireSmooth);
    if (v.failed()) {
      fail(v.failure().signature() + ": " + v.failure().detail() + "\n---- source ----\n"
          + text);
    }
  }

  /** Parameters by reflection; differentiated ones from the record's components. */
  private Checker.Subject subject(BatchCompiler.Loaded loaded) {
    Method f = null;
    for (Method m : loaded.original().getDeclaredMethods()) {
      if (m.getName().equals(Program.MAIN)) {
        f = m;
      }
    }
    if (f == null) {
      throw new AssertionError("no method " + Program.MAIN);
    }
    List<Param> params = new ArrayList<>();
    for (Parameter p : f.getParameters()) {
      Class<?> t = p.getType();
      Type type = t == double.class ? Type.DOUBLE : t == int.class ? Type.INT
          : t == boolean.class ? Type.BOOLEAN : t == long.class ? Type.LONG
          : t == double[].class ? Type.ARRAY : t == String.class ? Type.TEXT
          : t == java.math.RoundingMode.class ? Type.MODE : Type.MATRIX;
      params.add(new Param(type, p.getName()));
    }
    List<Integer> differentiated = new ArrayList<>();
    Method record;
    try {
      record = loaded.adjoint().getDeclaredMethod(Program.MAIN, f.getParameterTypes());
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    List<String> components = new ArrayList<>();
    for (RecordComponent c : record.getReturnType().getRecordComponents()) {
      components.add(c.getName());
    }
    for (int i = 0; i < params.size(); i++) {
      String n = params.get(i).name();
      if (components.contains("d" + Character.toUpperCase(n.charAt(0)) + n.substring(1))) {
        differentiated.add(i);
      }
    }
    int length = 1;
    for (Object[] p : points) {
      for (Object a : p) {
        if (a instanceof double[] arr) {
          length = arr.length;
        } else if (a instanceof double[][] m) {
          length = m.length;
        }
      }
    }
    if (points.isEmpty()) {
      throw new AssertionError("a regression needs at least one point");
    }
    for (Object[] p : points) {
      if (p.length != params.size()) {
        throw new AssertionError("point " + Arrays.deepToString(p) + " does not match "
            + params);
      }
    }
    return new Checker.Subject(params, differentiated, length, 0);
  }
}
