package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Block;
import dev.adjoint.processor.fuzz.Ast.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated program: a few {@code static double} methods of one class, the last of which
 * ({@link #MAIN}) is the entry point under test; the others are helpers it calls, each
 * {@code @Differentiable} or plain (then differentiated as if annotated). {@link #toJava} prints
 * it as the class under test or as its instrumented twin ({@link JavaPrinter.Flavor#TRACE}),
 * which computes the very same values and also reports branch decisions and kinks to {@link
 * Trace}.
 *
 * @param seed the seed it was generated from ({@link ProgramGenerator#generate(long)} replays it)
 * @param arrayLength the length of every {@code double[]} (and the size of every matrix)
 * @param staticImport whether the class under test imports {@code java.lang.Math.*} statically
 *     and calls its functions unqualified
 * @param methods helpers first (callees before callers), {@link #MAIN} last
 */
record Program(long seed, int arrayLength, boolean staticImport, List<Method> methods) {

  static final String MAIN = "f";

  static final String PACKAGE = "adjfuzz";

  Program {
    methods = List.copyOf(methods);
  }

  /** A parameter type. */
  enum Type {
    DOUBLE("double"),
    INT("int"),
    LONG("long"),
    BOOLEAN("boolean"),
    ARRAY("double[]"),
    MATRIX("double[][]"),
    /** Passed through: a JDK enum ({@link ObjectValues}). */
    MODE("java.math.RoundingMode"),
    /** Passed through: a String ({@link ObjectValues}). */
    TEXT("String");

    final String java;

    Type(String java) {
      this.java = java;
    }

    /** Whether a parameter of this type may be differentiated. */
    boolean differentiable() {
      return this == DOUBLE || this == ARRAY || this == MATRIX;
    }
  }

  record Param(Type type, String name) {}

  /**
   * One method.
   *
   * @param wrt the {@code wrt} list, or {@code null} for the default (every differentiable param)
   * @param annotated false for a helper printed without {@code @Differentiable}, which Adjoint
   *     differentiates as if annotated because its caller calls it (then {@code wrt} is null)
   */
  record Method(String name, List<Param> params, List<String> wrt, Block body,
      boolean annotated) {
    Method {
      params = List.copyOf(params);
      wrt = wrt == null ? null : List.copyOf(wrt);
    }

    Method(String name, List<Param> params, List<String> wrt, Block body) {
      this(name, params, wrt, body, true);
    }

    Method withBody(Block b) {
      return new Method(name, params, wrt, b, annotated);
    }

    Method withParams(List<Param> p, List<String> w) {
      return new Method(name, p, annotated ? w : null, body, annotated);
    }

    /** The same helper without its annotation (and so with every double differentiated). */
    Method unannotated() {
      return new Method(name, params, null, body, false);
    }

    /** Indices of the differentiated parameters, in declaration order. */
    List<Integer> differentiated() {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        Param p = params.get(i);
        if (p.type().differentiable() && (wrt == null || wrt.contains(p.name()))) {
          out.add(i);
        }
      }
      return out;
    }
  }

  /**
   * Whether every method is an instance method of the (final) class, calling the others on
   * {@code this}: a function of the seed, so that shrinking and replays keep it.
   */
  boolean instance() {
    return instance(seed);
  }

  /** {@link #instance()} of the program of {@code seed}, for its generator. */
  static boolean instance(long seed) {
    return new java.util.Random(seed ^ 0x1A57A9CEL).nextDouble() < 0.2;
  }

  Method main() {
    return methods.get(methods.size() - 1);
  }

  Program withMethods(List<Method> m) {
    return new Program(seed, arrayLength, staticImport, m);
  }

  Program withArrayLength(int length) {
    return new Program(seed, length, staticImport, methods);
  }

  Program withStaticImport(boolean on) {
    return new Program(seed, arrayLength, on, methods);
  }

  /** AST nodes over every method body: the size the shrinker minimizes. */
  int size() {
    int n = 0;
    for (Method m : methods) {
      n += m.body().nodeCount() + m.params().size();
    }
    return n;
  }

  /** The class under test, {@code adjfuzz.<className>}. */
  String toJava(String className) {
    return JavaPrinter.print(this, className, JavaPrinter.Flavor.ORIGINAL);
  }

  /** The instrumented twin (not annotated, so the processor ignores it). */
  String toTraceJava(String className) {
    return JavaPrinter.print(this, className, JavaPrinter.Flavor.TRACE);
  }

  /** Whether any method body mentions this node kind (for imports). */
  boolean uses(Class<? extends Node> kind) {
    for (Method m : methods) {
      if (contains(m.body(), kind)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(Node n, Class<? extends Node> kind) {
    if (kind.isInstance(n)) {
      return true;
    }
    for (Node k : n.kids()) {
      if (contains(k, kind)) {
        return true;
      }
    }
    return false;
  }
}
