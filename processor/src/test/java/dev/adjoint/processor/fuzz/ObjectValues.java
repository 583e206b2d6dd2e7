package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.fuzz.Program.Type;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Enum and String parameters for generated programs (issue 10): a {@link RoundingMode} (a JDK
 * enum both the class under test and its twin see) and a String, compared and switched on. The
 * checker passes one of {@link #MODES} or {@link #TEXTS}; labels also name values never passed.
 */
final class ObjectValues {
  /** The values a point passes; labels may name {@code FLOOR} and {@code "huber"} too. */
  static final List<String> MODES = List.of("UP", "DOWN", "CEILING");
  static final List<String> TEXTS = List.of("l1", "l2", "sq");

  private ObjectValues() {}

  static Class<?> javaType(Type t) {
    return t == Type.MODE ? RoundingMode.class : String.class;
  }

  /** A value for a parameter of type {@code t}. */
  static Object argument(Random r, Type t) {
    return t == Type.MODE ? RoundingMode.valueOf(MODES.get(r.nextInt(MODES.size())))
        : TEXTS.get(r.nextInt(TEXTS.size()));
  }

  /** {@code mode == RoundingMode.UP}, {@code norm.equals("l1")}, {@code "l2".equals(norm)}. */
  static Cond cond(Random r, Param p) {
    boolean text = p.type() == Type.TEXT;
    return new Ast.ObjCmp(p.name(), text, pick(r, candidates(text)), r.nextBoolean());
  }

  /** One to three case groups of one or two distinct labels each. */
  static List<List<String>> labels(Random r, boolean text) {
    List<String> values = new ArrayList<>(candidates(text));
    Collections.shuffle(values, r);
    List<List<String>> out = new ArrayList<>();
    int at = 0;
    int cases = 1 + r.nextInt(3);
    for (int k = 0; k < cases && at < values.size(); k++) {
      int n = r.nextDouble() < 0.3 && at + 2 <= values.size() ? 2 : 1;
      out.add(List.copyOf(values.subList(at, at + n)));
      at += n;
    }
    return out;
  }

  /** A label as Java writes it: {@code UP}, {@code "l1"}. */
  static String label(String value, boolean text) {
    return text ? "\"" + value + "\"" : value;
  }

  private static List<String> candidates(boolean text) {
    List<String> all = new ArrayList<>(text ? TEXTS : MODES);
    all.add(text ? "huber" : "FLOOR");
    return all;
  }

  private static String pick(Random r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }
}
