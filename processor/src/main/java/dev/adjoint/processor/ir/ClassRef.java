package dev.adjoint.processor.ir;

/**
 * A class as generated code names it.
 *
 * @param packageName its package, empty for the unnamed one
 * @param simpleNames its simple name, preceded by those of the classes it is nested in, joined
 *     with dots: {@code Outer.Inner}
 */
public record ClassRef(String packageName, String simpleNames) {
  /** {@code java.lang.Math}, {@code a.b.Outer.Inner}. */
  public String canonical() {
    return packageName.isEmpty() ? simpleNames : packageName + "." + simpleNames;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
