package dev.adjoint.processor.numeric;

import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The arguments of one call, seen by an {@link Oracle}: differentiated parameters are {@link
 * DerivativeStructure} variables, the others are constants.
 */
public final class Dual {

  private final DSFactory factory;
  private final Map<String, Object> args;
  private final List<String> differentiated;

  Dual(Map<String, Object> args, List<String> differentiated) {
    this.factory = new DSFactory(Math.max(1, differentiated.size()), 1);
    this.args = args;
    this.differentiated = differentiated;
  }

  /** Parameter {@code name} as a DS: a variable if differentiated, a constant otherwise. */
  public DerivativeStructure v(String name) {
    Object a = arg(name);
    double value = ((Number) a).doubleValue();
    int index = differentiated.indexOf(name);
    return index >= 0 ? factory.variable(index, value) : factory.constant(value);
  }

  /** The real value of a numeric parameter. */
  public double x(String name) {
    return ((Number) arg(name)).doubleValue();
  }

  public int i(String name) {
    return (Integer) arg(name);
  }

  public char ch(String name) {
    return (Character) arg(name);
  }

  public long l(String name) {
    return (Long) arg(name);
  }

  public boolean b(String name) {
    return (Boolean) arg(name);
  }

  public DerivativeStructure c(double value) {
    return factory.constant(value);
  }

  /** {@code Math.max} with the documented tie rule: the first argument wins. */
  public static DerivativeStructure max(DerivativeStructure a, DerivativeStructure b) {
    return a.getValue() >= b.getValue() ? a : b;
  }

  /** {@code Math.min} with the documented tie rule: the first argument wins. */
  public static DerivativeStructure min(DerivativeStructure a, DerivativeStructure b) {
    return a.getValue() <= b.getValue() ? a : b;
  }

  /** A piecewise-constant function of {@code a}: its value, derivative zero. */
  public DerivativeStructure constantOf(double value) {
    return factory.constant(value);
  }

  private Object arg(String name) {
    Object a = args.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter " + name + " in " + args.keySet());
    }
    return a;
  }
}
