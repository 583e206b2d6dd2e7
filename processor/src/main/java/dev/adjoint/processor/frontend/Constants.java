package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The library constants a method body may read, by declaring class and name. Each becomes an
 * {@link Expr.Const} that keeps its name as the symbol the emitter prints, so {@code
 * Long.MAX_VALUE} (not exactly a double) is written exactly and never folded as a double.
 */
final class Constants {
  private record Entry(Type type, double value) {}

  private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();

  static {
    for (String owner : new String[] {"java.lang.Math", "java.lang.StrictMath"}) {
      put(owner, "PI", Type.DOUBLE, Math.PI);
      put(owner, "E", Type.DOUBLE, Math.E);
    }
    put("java.lang.Double", "POSITIVE_INFINITY", Type.DOUBLE, Double.POSITIVE_INFINITY);
    put("java.lang.Double", "NEGATIVE_INFINITY", Type.DOUBLE, Double.NEGATIVE_INFINITY);
    put("java.lang.Double", "MAX_VALUE", Type.DOUBLE, Double.MAX_VALUE);
    put("java.lang.Double", "MIN_VALUE", Type.DOUBLE, Double.MIN_VALUE);
    put("java.lang.Double", "MIN_NORMAL", Type.DOUBLE, Double.MIN_NORMAL);
    put("java.lang.Double", "NaN", Type.DOUBLE, Double.NaN);
    put("java.lang.Integer", "MAX_VALUE", Type.INT, Integer.MAX_VALUE);
    put("java.lang.Integer", "MIN_VALUE", Type.INT, Integer.MIN_VALUE);
    // Held as the nearest double; only the symbol is ever printed (see the class comment).
    put("java.lang.Long", "MAX_VALUE", Type.LONG, Long.MAX_VALUE);
    put("java.lang.Long", "MIN_VALUE", Type.LONG, Long.MIN_VALUE);
  }

  private Constants() {}

  private static void put(String owner, String name, Type type, double value) {
    BY_NAME.put(owner + "." + name, new Entry(type, value));
  }

  /**
   * The constant {@code owner.name}, printed as {@code spelling.name}; {@code owner} is the
   * declaring class's qualified name, {@code spelling} how generated code names that class.
   */
  static Optional<Expr.Const> of(String owner, String name, String spelling) {
    Entry e = BY_NAME.get(owner + "." + name);
    return e == null ? Optional.empty()
        : Optional.of(new Expr.Const(e.type(), e.value(), spelling + "." + name));
  }
}
