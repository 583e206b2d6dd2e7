package dev.adjoint.processor.diag;

/**
 * Every message the processor reports, in one place. Each starts with a stable tag in brackets
 * so users and tests can search for it; the text names the construct and what to do instead.
 */
public enum Message {
  TREES_UNAVAILABLE(
      "[adjoint.trees] Adjoint cannot read method bodies in this environment (the javac Tree API"
          + " is unavailable: %s). Build with javac (Maven, Gradle or the command line) to"
          + " generate adjoints"),
  PRIVATE("[adjoint.private] @Differentiable method %s must not be private, so that the generated"
      + " %s can document it; make it package-private"),
  NO_BODY("[adjoint.body] @Differentiable method %s has no body to differentiate"),
  RETURN_TYPE("[adjoint.return] @Differentiable method %s returns %s; it must return double or"
      + " double[]%s"),
  PARAMETER_TYPE("[adjoint.parameter] parameter %s of %s has type %s; supported parameter types are"
      + " double, double[], double[][] (differentiated), int, long, boolean, char, int[], enums,"
      + " String (passed through) and records whose components have those types; pass an array"
      + " of records as the arrays of their components"),
  PRIVATE_PARAMETER_TYPE("[adjoint.parameter] parameter %s of %s has type %s, which is"
      + " private, so the generated class cannot name it; make the enum package-private"),
  FUNCTION_PARAMETER("[adjoint.parameter] parameter %s of %s is a function (%s) its caller"
      + " chooses at run time, which Adjoint cannot differentiate; call a @Differentiable method"
      + " by name instead, or write the function inline (a local DoubleUnaryOperator f = v ->"
      + " ...); a method that takes a function need not be @Differentiable: a @Differentiable"
      + " method of its file passing it a lambda inlines it"),
  RECORD_COMPONENT("[adjoint.record] parameter %s of %s is a record %s whose component %s has type"
      + " %s; a record parameter's components may be double, double[], double[][]"
      + " (differentiated), int, long, boolean, char, int[] (passed through) or such records;"
      + " pass that component as a parameter of its own"),
  RECORD_TYPE("[adjoint.record] parameter %s of %s has the record type %s, which %s"),
  RECORD_VALUE("[adjoint.record] %s is a record; a @Differentiable method reads its components"
      + " (%s), may name it in a local alias (var l = %s) and may pass it to a method taking that"
      + " record, but cannot compare or store it or pass it anywhere else: pass the components"
      + " instead"),
  GENERIC_METHOD("[adjoint.generic] @Differentiable method %s must not declare type parameters"),
  VARARGS("[adjoint.varargs] @Differentiable method %s must not take varargs"),
  NESTING("[adjoint.nesting] @Differentiable method %s must be declared in a top-level or member"
      + " class, not in %s"),
  WRT_UNKNOWN("[adjoint.wrt] wrt names \"%s\", which is not a parameter of %s; parameters are %s"),
  WRT_NOT_DOUBLE("[adjoint.wrt] wrt names %s of type %s; only double, double[] and double[][]"
      + " parameters can be differentiated (and records with such components)"),
  WRT_DUPLICATE("[adjoint.wrt] wrt names \"%s\" twice"),
  WRT_NO_DERIVATIVE("[adjoint.wrt] wrt names \"%s\", which is marked @NoDerivative; remove it from"
      + " wrt or remove the annotation"),
  NO_DIFFERENTIABLE_PARAMETER("[adjoint.wrt] %s has no double parameter to differentiate with"
      + " respect to"),
  UNSUPPORTED("[adjoint.unsupported] %s is not supported in a @Differentiable method; %s"),
  UNKNOWN_NAME("[adjoint.name] cannot resolve %s: a @Differentiable method can read only its"
      + " parameters, its locals, static final fields and constants of Math, Double, Integer and"
      + " Long; pass %s in as a parameter"),
  FIELD("[adjoint.field] %s"),
  UNKNOWN_FUNCTION("[adjoint.call] no derivative rule for %s(%s): Adjoint differentiates the"
      + " functions of java.lang.Math/StrictMath (%s), other @Differentiable methods,"
      + " LinearAlgebra kernels and methods given a pullback with @DerivativeOf; add one of those,"
      + " or compute this value outside and pass it in"),
  LIBRARY_FUNCTION("[adjoint.call] no derivative rule for %s(%s): the source of %s is not part of"
      + " this compilation (it is a library's), so Adjoint cannot differentiate it; give it a"
      + " pullback with @DerivativeOf, or compute this value outside and pass it in"),
  HELPER_FAILED("[adjoint.helper] %s is not annotated, so Adjoint differentiates it as if it"
      + " were @Differentiable (its source is being compiled), but cannot: %s; make %s fit what"
      + " a @Differentiable method may contain, or give it a pullback with @DerivativeOf"),
  LOCAL_TYPE("[adjoint.type] local %s has type %s; supported local types are double, int, long,"
      + " boolean, char, double[], double[][], int[], enums, String and var"),
  CAST_TYPE("[adjoint.cast] cast to %s is not supported; cast only to double, int or long"),
  TYPE_MISMATCH("[adjoint.type] %s"),
  /** A construct found on the IR, before differentiation; the text names it in user's words. */
  UNSUPPORTED_CONSTRUCT("[adjoint.unsupported] %s"),
  DERIVATIVE_SIGNATURE("[adjoint.derivative] @DerivativeOf method %s does not fit: %s. A pullback"
      + " takes the method's parameters, its result, the result's adjoint, a double[] grad if the"
      + " method has several double parameters (it adds their adjoints into grad[0], grad[1], …)"
      + " and one adjoint per array parameter; it returns the adjoint of the one double parameter"
      + " if there is exactly one, else void"),
  DERIVATIVE_TARGET("[adjoint.derivative] @DerivativeOf names %s.%s, but %s"),
  AMBIGUOUS_NAME("[adjoint.name] %s is ambiguous here: it may be a member of %s (static imports"
      + " on demand of several classes that declare it); qualify it, e.g. %s"),
  NOT_MATH_FUNCTION("[adjoint.call] no derivative rule for %s(%s): here %s resolves to %s, not"
      + " to java.lang.Math; make that method @Differentiable or give it a pullback with"
      + " @DerivativeOf, or write Math.%s if Math's is meant"),
  GENERATED_NAME_TAKEN("[adjoint.generated-name] the adjoint of %s would be generated as %s, but"
      + " %s already declares that class; rename one of the two classes"),
  GENERATED_NAME_SHARED("[adjoint.generated-name] the adjoints of %s and %s would both be generated"
      + " as %s (a nested class Outer.Inner is generated as Outer_InnerAdjoint); rename one of"
      + " the classes"),
  GENERATED_NAME_STALE("[adjoint.generated-name] %s, which Adjoint generated for %s in an earlier"
      + " build, is among the sources being compiled; delete it (clean the build) so it can be"
      + " generated afresh"),
  GENERATED_SIGNATURE("[adjoint.generated-name] the code generated for %s includes %s, which the"
      + " code generated for %s also declares; rename one of the two methods"),
  PRIVATE_CLASS("[adjoint.private] @Differentiable method %s is in the private class %s, which the"
      + " generated %s cannot see; make %s package-private"),
  TOO_MANY_PARAMETERS("[adjoint.parameters] the generated %s of %s would take %d slots of"
      + " parameters (double and long take 2), more than the JVM's 255; pass the values in"
      + " arrays (double[]) instead"),
  CODE_TOO_LARGE("[adjoint.size] the generated %s of %s would take about %d KB of bytecode, more"
      + " than the JVM's 64 KB for one method; split %s into several @Differentiable methods"
      + " (a long sum into a loop or partial sums in helpers)"),
  SOURCE_LEVEL("[adjoint.source] Adjoint generates records, which need source level 16 or"
      + " later, but this compilation is at source level %s; compile with --release 17 (or later)"),
  TOO_DEEP("[adjoint.depth] an expression in %s is too deeply nested for Adjoint to"
      + " differentiate; split it into several statements (e.g. accumulate a long sum in a local"
      + " with +=)"),
  FROM_CLASS_FILE("[adjoint.body] @Differentiable method %s is read from a class file, not from"
      + " source; Adjoint differentiates method bodies, so compile %s from its source in this"
      + " javac run"),
  MODE_UNSUPPORTED("[adjoint.mode] %s is not supported by Mode.%s yet; remove Mode.%s from"
      + " this method's @Differentiable(modes = ...) (its reverse-mode methods need no change),"
      + " or move this into a method differentiated in reverse mode only and pass its value in"),
  INTERNAL("[adjoint.internal] Adjoint failed on %s (%s); this is a bug in Adjoint, please report"
      + " it with the method's source");

  private final String format;

  Message(String format) {
    this.format = format;
  }

  public String format(Object... args) {
    return String.format(format, args);
  }
}
