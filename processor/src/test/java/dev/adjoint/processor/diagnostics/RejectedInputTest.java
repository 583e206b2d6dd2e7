package dev.adjoint.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every construct outside the supported subset is a javac error on the line that holds it, with
 * a message naming the construct, and no adjoint is generated for the class.
 */
class RejectedInputTest {

  /** Each case: a name, the annotated method's source, the line to point at, the message. */
  static Stream<Arguments> bodies() {
    return Stream.of(
        body("labeled break", "outer:\n for (int i = 0; i < 3; i++) { break outer; }\n return x;",
            "outer:", "a labeled statement is not supported"),
        body("ragged matrix initializer", "double[][] a = {{1}, {2, x}};\n return a[1][1];",
            "{2, x}", "a matrix initializer with rows of different lengths is not supported"),
        body("float array", "float[] a = new float[2];\n return x;", "new float[2]",
            "this array type is not supported"),
        body("helper outside the subset", "double[] a = new double[1];\n a[0] = x;\n"
            + " return helperSync(a);", "helperSync(a)", "helperSync is not annotated, so"
            + " Adjoint differentiates it as if it were @Differentiable (its source is being"
            + " compiled), but cannot: Rejected.java:12: [adjoint.type] local label has type Object"),
        body("switch fall-through",
            "switch ((int) x) {\n case 1: x = x * 2;\n case 2: return x;\n default: return 0;\n}",
            "case 1:", "a case that falls through into the next is not supported"),
        body("break inside a case", "switch ((int) x) {\n case 1:\n if (x > 1) { break; }\n"
            + " x = 2 * x;\n break;\n}\n return x;", "if (x > 1) { break; }",
            "a break before the end of its case is not supported"),
        body("yield inside a case", "return switch ((int) x) {\n case 1 -> {\n"
            + " if (x > 1) { yield x; }\n yield 2 * x;\n }\n default -> 0;\n};",
            "if (x > 1) { yield x; }", "a yield before the end of its case is not supported"),
        body("try", "try { return Math.log(x); } catch (RuntimeException e) { return 0; }",
            "try {", "try is not supported"),
        body("throw", "if (x < 0) { throw new IllegalArgumentException(); }\n return x;",
            "throw new", "throw is not supported"),
        body("lambda", "java.util.function.DoubleSupplier f = () -> x * x;\n return x;",
            "() -> x * x", "a lambda is not supported"),
        body("method reference",
            "java.util.function.DoubleSupplier f = Math::random;\n return x;",
            "Math::random", "a method reference is not supported"),
        body("new object", "Double d = new Double(x);\n return x;", "new Double",
            "object creation (new) is not supported"),
        body("float literal", "double f = 1.5f;\n return x * f;", "1.5f",
            "a float literal is not supported"),
        body("char array", "char[] c = new char[2];\n return x;", "new char[2]",
            "this array type is not supported"),
        body("switch on a double", "switch (x > 0 ? 1.5 : 2.5) {\n default: return x;\n}",
            "switch (x > 0", "a switch on a double is not supported"),
        body("object local", "Object o = null;\n return x;", "Object o",
            "local o has type Object"),
        body("instanceof", "Object o = x;\n if (o instanceof Double) { return x; }\n return 0;",
            "instanceof", "instanceof is not supported"),
        body("synchronized", "synchronized (Rejected.class) { return x; }", "synchronized",
            "synchronized is not supported"),
        body("assert that assigns", "int k = 0;\n assert k++ < 1 : \"once\";\n return x;",
            "assert k++", "an assert whose condition assigns is not supported"),
        body("labeled statement", "outer: { x = x * 2; }\n return x;", "outer:",
            "a labeled statement is not supported"),
        body("local class", "class Local {}\n return x;", "class Local",
            "a local class is not supported"),
        body("unknown function", "return Math.nextUp(x);", "Math.nextUp",
            "no derivative rule for Math.nextUp(double)"),
        body("call to a library method", "return Double.sum(x, x);", "Double.sum",
            "no derivative rule for Double.sum(double, double): the source of java.lang.Double.sum"
                + " is not part of this compilation (it is a library's)"),
        body("mutable field read", "return x * scale;", "x * scale",
            "[adjoint.field] static field Rejected.scale is not final: it could change between"
                + " the forward and the backward sweep"),
        body("field write", "scale = x;\n return x;", "scale = x", "assignment to field scale"),
        body("instance field read", "return x * inst;", "x * inst",
            "[adjoint.field] instance field Rejected.inst cannot be read here"),
        body("private field read", "return x * HIDDEN;", "x * HIDDEN",
            "[adjoint.field] field Rejected.HIDDEN is not visible to the generated class;"
                + " make it package-private"),
        body("string field read", "return x + NAME;", "x + NAME",
            "[adjoint.type] operator + needs numbers, not an enum or String"),
        body("write into a constant table", "TABLE[0] = x;\n return x;", "TABLE[0] = x",
            "a write into constant array Rejected.TABLE is not supported; copy it into a local"),
        body("write through a row of a constant table", "double[] r = GRID[0];\n r[1] = x;\n"
            + " return r[0];", "r[1] = x",
            "a write into constant array Rejected.GRID is not supported"),
        body("unknown constant", "return x * Integer.NOPE;", "Integer.NOPE",
            "cannot resolve Integer.NOPE"),
        body("field of a type not modelled", "double t = Integer.TYPE;\n return x;",
            "Integer.TYPE", "field Integer.TYPE has type java.lang.Class<java.lang.Integer>"),
        body("double remainder", "return x % 2.0;", "x % 2.0",
            "the remainder operator % on double is not supported"),
        body("discarded call", "Math.exp(x);\n return x;", "Math.exp(x);",
            "a call whose result is discarded is not supported"),
        body("float local", "float f = 1;\n return x * f;", "float f",
            "local f has type float"),
        body("object local", "Double d = x;\n return d;", "Double d",
            "local d has type Double"),
        body("cast to float", "return (float) x;", "(float) x", "cast to float is not supported"),
        body("boolean arithmetic", "boolean b = x > 0;\n return x * (b ? 1 : 0) + (b + 1);",
            "(b + 1)", "operator + needs numbers"),
        body("numeric condition", "if (x) { return 1; }\n return 0;", "if (x)",
            "expected a boolean condition"));
  }

  private static Arguments body(String name, String body, String line, String message) {
    return Arguments.of(name, body, line, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void rejectsConstructAtItsLine(String name, String body, String line, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Rejected",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Rejected {\n"
            + "  static double scale = 2;\n"
            + "  double inst = 1;\n"
            + "  private static final double HIDDEN = 2;\n"
            + "  static final String NAME = \"n\";\n"
            + "  static final double[] TABLE = {1.0, 2.0};\n"
            + "  static final double[][] GRID = {{3.0, 4.0}};\n"
            + "  static double helper(double v) { return v; }\n"
            + "  static double helperSync(double[] v) {\n"
            + "    Object label = null; return v[0]; }\n"
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    " + body + "\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  static Stream<Arguments> signatures() {
    return Stream.of(
        Arguments.of("private method",
            "@Differentiable private static double f(double x) { return x; }",
            "must not be private"),
        Arguments.of("int return", "@Differentiable static int f(double x) { return 1; }",
            "returns int; it must return double"),
        Arguments.of("float return", "@Differentiable static float f(double x) { return 1; }",
            "returns float; it must return double"),
        Arguments.of("float array parameter",
            "@Differentiable static double f(float[] x) { return 1; }",
            "parameter x of f has type float[]"),
        Arguments.of("Object parameter",
            "@Differentiable static double f(double x, Object s) { return x; }",
            "parameter s of f has type java.lang.Object"),
        Arguments.of("float parameter",
            "@Differentiable static double f(float x) { return x; }",
            "parameter x of f has type float"),
        Arguments.of("generic method",
            "@Differentiable static <T> double f(double x) { return x; }",
            "must not declare type parameters"),
        Arguments.of("varargs", "@Differentiable static double f(double... x) { return 1; }",
            "must not take varargs"),
        Arguments.of("abstract method",
            "abstract static class A { @Differentiable abstract double f(double x); }",
            "has no body to differentiate"),
        Arguments.of("wrt unknown",
            "@Differentiable(wrt = \"y\") static double f(double x) { return x; }",
            "wrt names \"y\", which is not a parameter of f"),
        Arguments.of("wrt int", "@Differentiable(wrt = \"n\") static double f(double x, int n)"
            + " { return x * n; }", "wrt names n of type int"),
        Arguments.of("wrt twice", "@Differentiable(wrt = {\"x\", \"x\"}) static double f(double x)"
            + " { return x; }", "wrt names \"x\" twice"),
        Arguments.of("no double parameter",
            "@Differentiable static double f(int n) { return n; }",
            "has no double parameter"));
  }

  /** In an instance method: what it may not do with {@code this}, each at its line. */
  static Stream<Arguments> instanceBodies() {
    return Stream.of(
        body("field write", "lr = x;\n return x;", "lr = x", "assignment to field lr"),
        body("this field write", "this.lr = x;\n return x;", "this.lr = x",
            "assignment to this.lr"),
        body("write into a field's array", "data[0] = x;\n return x;", "data[0] = x",
            "a write into field data is not supported; copy it into a local array"),
        body("private field", "return x * secret;", "x * secret",
            "[adjoint.field] field secret is not visible to the generated class; make it"
                + " package-private"),
        body("String field", "double t = name;\n return x;", "double t = name",
            "[adjoint.type] cannot assign a String to a double"),
        body("overridable instance method", "return g(x);", "return g(x)",
            "a subclass could override g, and the derivative would be that of Model.g; make g"
                + " (or Model) final"),
        body("plain instance method", "return plain(x);", "return plain(x)",
            "no derivative rule for plain(double)"),
        body("plain instance method of this", "return this.plain(x);", "return this.plain(x)",
            "no derivative rule for this.plain(double)"));
  }

  /** A record's own accessor may not return the private field, which the generated code needs. */
  @Test
  void recordComponentWithItsOwnAccessorIsAnError() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Line",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "record Line(double slope) {\n"
            + "  public double slope() { return 2 * slope; }\n"
            + "  @Differentiable\n"
            + "  double at(double x) {\n"
            + "    return slope * x;\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[adjoint.field] record component slope has an"
        + " accessor of your own").inFile(source).onLineContaining("return slope * x");
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instanceBodies")
  void rejectsInInstanceMethodAtItsLine(String name, String body, String line, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Model",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Model {\n"
            + "  double lr = 0.1;\n"
            + "  final double[] data = {1.0, 2.0};\n"
            + "  private double secret = 1;\n"
            + "  String name = \"m\";\n"
            + "  @Differentiable double g(double v) { return v * lr; }\n"
            + "  double plain(double v) { return v; }\n"
            + "  @Differentiable\n"
            + "  double f(double x) {\n"
            + "    " + body + "\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatures")
  void rejectsSignature(String name, String member, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Rejected",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Rejected {\n"
            + "  " + member + "\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining(message).inFile(source)
        .onLineContaining(member.substring(0, Math.min(20, member.length())));
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  @Test
  void reportsEveryErrorInOneBuildAndGoesOn() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Many",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Many {\n"
            + "  @Differentiable static double f(double x) {\n"
            + "    double a = Math.nextUp(x);\n"
            + "    switch ((int) a) { case 1: a = 3; default: a = 2; }\n"
            + "    return a;\n"
            + "  }\n"
            + "  @Differentiable static double g(double x) {\n"
            + "    Object s = null;\n"
            + "    return x;\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("falls through").inFile(source)
        .onLineContaining("switch ((int) a)");
    assertThat(compilation).hadErrorContaining("local s has type Object").inFile(source)
        .onLineContaining("Object s");
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  static Stream<Arguments> transformRejections() {
    return Stream.of(
        Arguments.of("kernel result written in the loop that creates it",
            "static double f(double[] x) { double s = 0; for (int i = 0; i < 3; i++) {"
            + " double[] e = dev.adjoint.runtime.LinearAlgebra.exp(x); e[0] = s;"
            + " s += dev.adjoint.runtime.LinearAlgebra.sum(e); } return s; }",
            "array e is written after it was passed to exp"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transformRejections")
  void rejectsWhatCannotBeReversed(String name, String method, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Rejected",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Rejected {\n"
            + "  @Differentiable\n"
            + "  " + method + "\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining(message).inFile(source)
        .onLineContaining(method.substring(0, 24));
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  /**
   * Writes into array parameters are accepted: the caller sees them (numeric/ParameterWritesTest
   * checks the values and the gradients), directly, through aliases and rows, in loops.
   */
  static Stream<Arguments> parameterWrites() {
    return Stream.of(
        Arguments.of("store into a double[] parameter",
            lines("static double f(double[] x, double w) {",
                "  double s = 0;",
                "  x[0] = w;",
                "  return s + x[0];",
                "}")),
        Arguments.of("compound store into a parameter inside a loop",
            lines("static double f(double[] x, double w) {",
                "  double s = 0;",
                "  for (int i = 0; i < x.length; i++) {",
                "    x[i] += w;",
                "    s += x[i];",
                "  }",
                "  return s;",
                "}")),
        Arguments.of("increment of a parameter element",
            lines("static double f(double[] x) {",
                "  double s = x[1];",
                "  x[0]++;",
                "  return s * x[0];",
                "}")),
        Arguments.of("store into a double[][] parameter",
            lines("static double f(double[][] m, double w) {",
                "  double s = m[0][0];",
                "  m[0][1] = w * s;",
                "  return m[0][1];",
                "}")),
        Arguments.of("store through a row alias of a parameter",
            lines("static double f(double[][] m) {",
                "  double[] row = m[0];",
                "  double s = row[1];",
                "  row[0] = 2 * s;",
                "  return s + row[0];",
                "}")),
        Arguments.of("store through a for-each row of a parameter",
            lines("static double f(double[][] m) {",
                "  double s = 0;",
                "  for (double[] row : m) {",
                "    row[0] = 1;",
                "    s += row[1];",
                "  }",
                "  return s;",
                "}")),
        Arguments.of("store through a whole-array alias of a parameter",
            lines("static double f(double[] x) {",
                "  double[] y = x;",
                "  y[0] = 3;",
                "  return y[0] * y[1];",
                "}")),
        Arguments.of("store into an int[] parameter",
            lines("static double f(double x, int[] idx) {",
                "  double s = x;",
                "  idx[0] = 1;",
                "  return s * idx[0];",
                "}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parameterWrites")
  void acceptsWritesIntoArrayParameters(String name, String method) {
    JavaFileObject source = rejectedClass(method);
    assertThat(compile(source)).succeededWithoutWarnings();
    assertThat(compileWithAnalysesOff(source)).succeededWithoutWarnings();
  }

  /**
   * A callee that writes only into arrays of its own (its parameter rebound to a kernel's
   * result first) or merely negates an element may be called (found by the random programs).
   */
  @Test
  void callingAMethodThatWritesOnlyItsOwnArraysIsFine() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.OwnArrays", String.join("\n",
        "package test;",
        "import dev.adjoint.Differentiable;",
        "import dev.adjoint.runtime.LinearAlgebra;",
        "class OwnArrays {",
        "  @Differentiable",
        "  static double h(double q, double[] v) {",
        "    v = LinearAlgebra.sub(v, v);",
        "    v[0] = q;",
        "    double[] w = v;",
        "    w[0] += -v[0] * q;",
        "    return q + v[0];",
        "  }",
        "  @Differentiable",
        "  static double caller(double[] a, double x) {",
        "    return h(x, a) * x - a[0];",
        "  }",
        "}"));
    assertThat(compile(source)).succeededWithoutWarnings();
    assertThat(compileWithAnalysesOff(source)).succeededWithoutWarnings();
  }

  /**
   * A method that writes into its array parameter, called from another: read into the caller
   * (its gradients are pinned by numeric/WritingCallsTest), so no error.
   */
  @Test
  void callingAMethodThatWritesItsArrayParameterIsReadIntoTheCaller() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Writes", String.join("\n",
        "package test;",
        "import dev.adjoint.Differentiable;",
        "class Writes {",
        "  @Differentiable",
        "  static double doubleAll(double[] x) {",
        "    double[] row = x;",
        "    for (int i = 0; i < row.length; i++) {",
        "      row[i] *= 2;",
        "    }",
        "    return x[0];",
        "  }",
        "  @Differentiable",
        "  static double caller(double[] a, double w) {",
        "    double v = doubleAll(a);",
        "    return v * w;",
        "  }",
        "}"));
    assertThat(compile(source)).succeededWithoutWarnings();
    assertThat(compileWithAnalysesOff(source)).succeededWithoutWarnings();
  }

  /**
   * Loops and arrays: what cannot be reversed is an error on the line of the offending
   * statement, in methods spread over several lines so that the line is actually checked.
   * Each case: a name, the annotated method (lines joined with newlines), text on the line the
   * error must point at (unique in the method), the message.
   */
  static Stream<Arguments> loopAndArrayRejections() {
    return Stream.of(
        Arguments.of("array created in a loop, written after the kernel that reads it",
            lines("static double f(double x) {",
                "  double s = 0;",
                "  for (int i = 0; i < 3; i++) {",
                "    double[] a = new double[2];",
                "    a[0] = x * i;",
                "    s += dev.adjoint.runtime.LinearAlgebra.squaredNorm(a);",
                "    a[1] = s;",
                "  }",
                "  return s;",
                "}"),
            "a[1] = s;", "array a is written after it was passed to squaredNorm"),
        Arguments.of("Arrays.fill with a double index",
            lines("static double f(double x) {",
                "  double[] a = new double[3];",
                "  java.util.Arrays.fill(a, 0, 2.0, x);",
                "  return a[0];",
                "}"),
            "java.util.Arrays.fill(a, 0, 2.0, x);", "an index must be an int, not double"),
        Arguments.of("System.arraycopy of a matrix",
            lines("static double f(double[][] m, double x) {",
                "  double[][] c = new double[2][2];",
                "  System.arraycopy(m, 0, c, 0, 2);",
                "  return c[0][0] * x;",
                "}"),
            "System.arraycopy(m, 0, c, 0, 2);", "System.arraycopy of a double[][] (it copies row"
                + " references, so the rows would be shared) is not supported"),
        Arguments.of("System.arraycopy between array types",
            lines("static double f(double[] y, int[] k, double x) {",
                "  System.arraycopy(y, 0, k, 0, 1);",
                "  return y[0] * x;",
                "}"),
            "System.arraycopy(y, 0, k, 0, 1);",
            "System.arraycopy from a double[] to an int[] is not supported"),
        Arguments.of("System.arraycopy of a computed array",
            lines("static double f(double[] y, double x) {",
                "  double[] a = new double[3];",
                "  System.arraycopy(dev.adjoint.runtime.LinearAlgebra.scale(x, y), 0, a, 0, 1);",
                "  return a[0];",
                "}"),
            "LinearAlgebra.scale(x, y), 0, a, 0, 1);",
            "System.arraycopy of a computed array is not supported"),
        Arguments.of("clone of a matrix",
            lines("static double f(double[][] m, double x) {",
                "  double[][] c = m.clone();",
                "  return c[0][0] * x;",
                "}"),
            "m.clone()", "clone() of a double[][] (a shallow copy in Java: it shares its rows"
                + " with the original) is not supported"),
        Arguments.of("Arrays.copyOf of a matrix",
            lines("static double f(double[][] m, double x) {",
                "  double[][] c = java.util.Arrays.copyOf(m, 1);",
                "  return c[0][0] * x;",
                "}"),
            "java.util.Arrays.copyOf(m, 1)", "Arrays.copyOf of a double[][] (a shallow copy"),
        Arguments.of("Arrays.fill of a matrix",
            lines("static double f(double x) {",
                "  double[][] a = new double[3][3];",
                "  java.util.Arrays.fill(a, new double[3]);",
                "  return a[0][0] * x;",
                "}"),
            "java.util.Arrays.fill(a, new double[3]);", "Arrays.fill of a double[][]"),
        Arguments.of("array created in a loop, kept after it",
            lines("static double f(double x) {",
                "  double[] a = new double[1];",
                "  for (int i = 0; i < 3; i++) {",
                "    a = new double[2];",
                "    a[0] = x * i;",
                "  }",
                "  return a[0];",
                "}"),
            "a = new double[2];", "array variable a is rebound inside a loop"),
        Arguments.of("labeled break",
            lines("static double f(double x) {",
                "  double s = 0;",
                "  outer:",
                "  for (int i = 0; i < 3; i++) {",
                "    for (int j = 0; j < 3; j++) {",
                "      if (s > 4) {",
                "        break outer;",
                "      }",
                "      s += x;",
                "    }",
                "  }",
                "  return s;",
                "}"),
            "outer:", "a labeled statement is not supported"),
        Arguments.of("labeled continue",
            lines("static double f(double x) {",
                "  double s = 0;",
                "  int i = 0;",
                "  rows:",
                "  while (i < 3) {",
                "    i++;",
                "    for (int j = 0; j < 3; j++) {",
                "      if (j == i) {",
                "        continue rows;",
                "      }",
                "      s += x * j;",
                "    }",
                "  }",
                "  return s;",
                "}"),
            "rows:", "a labeled statement is not supported"),
        Arguments.of("matrix initializer of row arrays",
            lines("static double f(double x) {",
                "  double s = x * x;",
                "  double[] r = {1, x};",
                "  double[][] a = {r, r};",
                "  return s * a[1][0];",
                "}"),
            "double[][] a = {r, r};", "a matrix row that is not written out as {...} is not"
                + " supported"),
        Arguments.of("array initializer with dimensions of a type not modeled",
            lines("static double f(double x) {",
                "  double s = x * x;",
                "  long[] a = new long[] {1, 2};",
                "  return s;",
                "}"),
            "new long[] {1, 2}", "this array type is not supported"));
  }

  private static String lines(String... lines) {
    return String.join("\n  ", lines);
  }

  private static JavaFileObject rejectedClass(String method) {
    return JavaFileObjects.forSourceString("test.Rejected",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Rejected {\n"
            + "  @Differentiable\n"
            + "  " + method + "\n"
            + "}\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loopAndArrayRejections")
  void rejectsLoopAndArrayConstructsOnTheirLine(String name, String method, String line,
      String message) {
    JavaFileObject source = rejectedClass(method);
    for (Compilation compilation :
        new Compilation[] {compile(source), compileWithAnalysesOff(source)}) {
      assertThat(compilation).failed();
      assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
      assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
    }
  }

  /** One construct, one error: no follow-on errors about what the rejected statement declared. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("loopAndArrayRejections")
  void reportsEachLoopAndArrayRejectionOnce(String name, String method, String line,
      String message) {
    org.junit.jupiter.api.Assumptions.assumeFalse(name.contains("initializer"),
        "see initializersAreReportedOnce");
    Compilation compilation = compile(rejectedClass(method));
    assertThat(compilation.errors()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loopAndArrayRejections")
  void initializersAreReportedOnce(String name, String method, String line, String message) {
    org.junit.jupiter.api.Assumptions.assumeTrue(name.contains("initializer"));
    Compilation compilation = compile(rejectedClass(method));
    assertThat(compilation.errors()).hasSize(1);
  }

  /**
   * Arrays chosen by a ternary and chained assignment: what stays rejected, with the analyses
   * and without.
   */
  static Stream<Arguments> arrayChoiceRejections() {
    return Stream.of(
        Arguments.of("write through a chosen array",
            lines("static double f(double[] a, double[] b, double x) {",
                "  double[] t = new double[2];",
                "  double[] u = new double[2];",
                "  double[] r = x > 0 ? t : u;",
                "  r[0] = x;",
                "  return t[0] + u[0] + a[0];",
                "}"),
            "r[0] = x;", "a write into array r, which a conditional chooses, is not supported;"
                + " write into the chosen array itself in an if/else"),
        Arguments.of("a chosen array computed in the conditional",
            lines("static double f(double[] a, double[] b, double x) {",
                "  double[] r = x > 0 ? new double[2] : a;",
                "  return r[0] * x;",
                "}"),
            "double[] r = x > 0", "array r is chosen by a conditional whose branch computes a"
                + " new array (new double[]); declare that array as a local first"),
        Arguments.of("a chosen array inside another conditional's branch",
            lines("static double f(double[] a, double[] b, double x) {",
                "  return x > 0 ? (x > 1 ? a : b)[0] * x : x;",
                "}"),
            "return x > 0", "an array chosen by a conditional (one of a, b) inside a branch of"
                + " another conditional or after && or || is not supported; declare it as a local"
                + " array first"),
        Arguments.of("conditional between a vector and a matrix",
            lines("static double f(double[] a, double[][] m, double x) {",
                "  double[] r = x > 0 ? a : m;",
                "  return r[0] * x;",
                "}"),
            "double[] r = x > 0", "the branches of this conditional have types double[] and"
                + " double[][]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrayChoiceRejections")
  void rejectsWhatArrayChoicesCannotDo(String name, String method, String line,
      String message) {
    JavaFileObject source = rejectedClass(method);
    for (Compilation compilation :
        new Compilation[] {compile(source), compileWithAnalysesOff(source)}) {
      assertThat(compilation).failed();
      assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
      assertThat(compilation.errors()).hasSize(1);
      assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
    }
  }

  private static final String REASSIGNED_ALIAS_IN_LOOP = lines(
      "static double f(double[][] m) {",
      "  double[] r = m[0];",
      "  double s = 0;",
      "  for (int i = 0; i < m.length; i++) {",
      "    r = m[i];",
      "    s += r[0];",
      "  }",
      "  return s;",
      "}");

  /** Rebound outside loops it is supported ({@code numeric.ArrayRebindingTest}). */
  @Test
  void rejectsAliasReboundInALoopOnce() {
    JavaFileObject source = rejectedClass(REASSIGNED_ALIAS_IN_LOOP);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation.errors()).hasSize(1);
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  @Test
  void aliasReboundInALoopIsReportedAtTheRebinding() {
    JavaFileObject source = rejectedClass(REASSIGNED_ALIAS_IN_LOOP);
    String message = "array variable r is rebound inside a loop, which is not supported;"
        + " declare a new variable inside the loop (double[] r2 = ...)";
    assertThat(compile(source)).hadErrorContaining(message).inFile(source)
        .onLineContaining(" r = m[i];");
    assertThat(compileWithAnalysesOff(source)).hadErrorContaining(message).inFile(source)
        .onLineContaining(" r = m[i];");
  }

  /** Loops and local arrays that are accepted: the adjoint is generated and compiles cleanly. */
  @Test
  void acceptsArrayAllocatedInLoopWithAnalysesOnAndOff() {
    JavaFileObject source = rejectedClass(lines(
        "static double f(double[] x) {",
        "  for (double v : x) {",
        "    double[] t = new double[1];",
        "    t[0] = v;",
        "  }",
        "  return x[0];",
        "}"));
    // t does not reach the result: not differentiated; with analyses off every double is
    // active, and t gets an adjoint per iteration
    assertThat(compile(source)).succeededWithoutWarnings();
    assertThat(compileWithAnalysesOff(source)).succeededWithoutWarnings();
  }

  @Test
  void reportsUnknownFunctionsOnEveryStatement() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Calls",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Calls {\n"
            + "  @Differentiable static double f(double x) {\n"
            + "    double a = Math.nextUp(x);\n"
            + "    double b = Math.ulp(x);\n"
            + "    return a + b;\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("Math.nextUp").inFile(source)
        .onLineContaining("double a");
    assertThat(compilation).hadErrorContaining("Math.ulp").inFile(source)
        .onLineContaining("double b");
  }

  @Test
  void aCleanClassBesideARejectedOneStillGetsItsAdjoint() {
    JavaFileObject bad = JavaFileObjects.forSourceString("test.Bad",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Bad {\n"
            + "  @Differentiable static double f(double x) { synchronized (Bad.class) { return x; } }\n"
            + "}\n");
    JavaFileObject good = JavaFileObjects.forSourceString("test.Good",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Good {\n"
            + "  @Differentiable static double f(double x) { return x * x; }\n"
            + "}\n");
    Compilation compilation = compile(bad, good);
    assertThat(compilation).hadErrorContaining("synchronized").inFile(bad)
        .onLineContaining("synchronized (Bad.class)");
    // Good's adjoint is generated and compiles: the only error is Bad's.
    assertThat(compilation.errors()).hasSize(1);
  }

  /**
   * Names resolve as javac resolves them, and a name that is not Math's is never taken for
   * Math's: each case is the call or constant that stays rejected, with the class it resolved to.
   * Beside every {@code f} there is {@code test.lib.MyMath} with {@code PI} and a static {@code exp}
   * whose body is outside the subset (so a call of it stays an error, naming MyMath's line: the
   * call went to MyMath's), and {@code Names.sin} likewise.
   */
  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("withoutDerivative is not Math's", "",
            "return Math.withoutDerivative(x);", "Math.withoutDerivative",
            "no derivative rule for Math.withoutDerivative(double)"),
        Arguments.of("single-static-import shadows Math.* (no derivative)",
            "import static java.lang.Math.*;\nimport static test.lib.MyMath.exp;",
            "return exp(x) * sin(x);", "return exp(x)",
            "exp is not annotated, so Adjoint differentiates it as if it were @Differentiable (its"
                + " source is being compiled), but cannot: MyMath.java:5"),
        Arguments.of("own plain method shadows Math.*", "import static java.lang.Math.*;",
            "return sin(x);", "return sin(x)",
            "sin is not annotated, so Adjoint differentiates it as if it were @Differentiable (its"
                + " source is being compiled), but cannot: Names.java:"),
        Arguments.of("two on-demand imports, used", "import static java.lang.Math.*;\n"
                + "import static java.lang.StrictMath.*;", "return cos(x);", "return cos(x)",
            "cos is ambiguous here: it may be a member of java.lang.Math and java.lang.StrictMath"),
        Arguments.of("two on-demand imports of a constant, used", "import static java.lang.Math.*;"
                + "\nimport static test.lib.MyMath.*;", "return x * PI;", "return x * PI",
            "PI is ambiguous here: it may be a member of java.lang.Math and test.lib.MyMath"),
        Arguments.of("user class imported as Math", "import test.lib.MyMath;",
            "return MyMath.exp(x);", "MyMath.exp(x)",
            "exp is not annotated, so Adjoint differentiates it as if it were @Differentiable (its"
                + " source is being compiled), but cannot: MyMath.java:5"),
        Arguments.of("floorMod of doubles", "", "return Math.floorMod(x, 2.0);",
            "Math.floorMod", "Math.floorMod takes int or long arguments, not double"),
        Arguments.of("signum of an int (float in Java)", "", "int k = 3;\n return x * Math.signum(k);",
            "Math.signum(k)", "Math.signum of int or long values (Java computes it in float) is"
                + " not supported"),
        Arguments.of("fma of ints (float in Java)", "", "return x * Math.fma(1, 2, 3);",
            "Math.fma(1, 2, 3)", "Math.fma of int or long values"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void rejectsNamesAsJavacResolvesThem(String name, String imports, String body, String line,
      String message) {
    JavaFileObject lib = JavaFileObjects.forSourceString("test.lib.MyMath",
        "package test.lib;\n"
            + "public final class MyMath {\n"
            + "  public static final double PI = 3;\n"
            + "  public static double exp(double x) {\n"
            + "    synchronized (MyMath.class) { return 5 * x; } }\n"
            + "}\n");
    JavaFileObject source = JavaFileObjects.forSourceString("test.Names",
        "package test;\n"
            + imports + "\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Names {\n"
            + "  static double sin(double v) { synchronized (Names.class) { return 2 * v; } }\n"
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    " + body + "\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(lib, source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new AdjointProcessor()).compile(sources);
  }

  private static Compilation compileWithAnalysesOff(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new AdjointProcessor())
        .withOptions("-Aadjoint.analyses=off").compile(sources);
  }

  /**
   * No internal failure, and no error inside a generated file: for rejected code the processor
   * writes nothing, so nothing it wrote can fail to compile.
   */
  private static void assertNoInternalErrorAndNoBrokenGeneratedCode(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
      }
    }
  }
}
