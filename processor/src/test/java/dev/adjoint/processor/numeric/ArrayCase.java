package dev.adjoint.processor.numeric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One {@code @Differentiable} method whose parameters may be arrays ({@code double[]}, {@code
 * double[][]} differentiated by default, {@code int[]} passed through) besides the scalar types of
 * {@link GradientCase}, with the points to check it at and its references: central finite
 * differences over every differentiated coordinate (each scalar and each array element), and an
 * optional closed-form gradient.
 *
 * <pre>{@code
 * ArrayCase.of("sumSquares", "double[] x, double w", "double s = 0; ... return s;")
 *     .closedForm(a -> new Object[] {twiceTimes((double[]) a[0], (double) a[1]), sum(...)})
 *     .random(4, r -> new Object[] {vector(r, 5, -1, 1), u(r, 0, 2)});
 * }</pre>
 *
 * <p>A closed form returns one entry per differentiated parameter in declaration order: a {@code
 * Double} for a scalar, a {@code double[]} or {@code double[][]} of the parameter's shape for an
 * array.
 */
public final class ArrayCase {

  private final String name;
  private final List<GradientCase.Param> params;
  private final String body;
  private String[] wrt;
  private Function<Object[], Object[]> closedForm;
  private boolean finiteDifferences = true;
  private boolean writesArguments;
  private double fdRelativeStep = FiniteDifferences.DEFAULT_RELATIVE_STEP;
  private double fdTolerance = Tolerances.FINITE_DIFFERENCES;
  private double closedFormTolerance = Tolerances.ORACLE;
  private double valueTolerance = Tolerances.VALUE;
  private final List<Object[]> points = new ArrayList<>();

  private ArrayCase(String name, String params, String body) {
    this.name = name;
    this.params = parse(params);
    this.body = body;
  }

  public static ArrayCase of(String name, String params, String body) {
    return new ArrayCase(name, params, body);
  }

  public ArrayCase wrt(String... names) {
    this.wrt = names.clone();
    return this;
  }

  /** The exact gradient, one entry per differentiated parameter (see the class comment). */
  public ArrayCase closedForm(Function<Object[], Object[]> gradient) {
    this.closedForm = gradient;
    return this;
  }

  /**
   * The method writes into its array arguments: the generated calls must leave them as the
   * original does, rather than unchanged.
   */
  public ArrayCase writesArguments() {
    this.writesArguments = true;
    return this;
  }

  public boolean writesArgumentsOrNot() {
    return writesArguments;
  }

  /** Only for functions that finite differences cannot see (e.g. {@code withoutDerivative}). */
  public ArrayCase noFiniteDifferences() {
    this.finiteDifferences = false;
    return this;
  }

  public ArrayCase fdStep(double relativeStep) {
    this.fdRelativeStep = relativeStep;
    return this;
  }

  public ArrayCase fdTolerance(double tolerance) {
    this.fdTolerance = tolerance;
    return this;
  }

  public ArrayCase closedFormTolerance(double tolerance) {
    this.closedFormTolerance = tolerance;
    return this;
  }

  public ArrayCase valueTolerance(double tolerance) {
    this.valueTolerance = tolerance;
    return this;
  }

  /** A point, arguments as the method takes them (numbers are converted to scalar types). */
  public ArrayCase at(Object... args) {
    points.add(coerce(args));
    return this;
  }

  /** {@code count} points from a Random seeded by the case name. */
  public ArrayCase random(int count, Function<Random, Object[]> sampler) {
    return random(count, sampler, a -> true);
  }

  /**
   * {@code count} points from a Random seeded by the case name, redrawing points that {@code
   * accept} refuses (e.g. those near a trip-count change, where finite differences straddle a jump).
   */
  public ArrayCase random(int count, Function<Random, Object[]> sampler,
      Predicate<Object[]> accept) {
    Random random = new Random(0xA77A_75EEDL ^ name.hashCode());
    int drawn = 0;
    for (int attempts = 0; drawn < count; attempts++) {
      if (attempts > 1000 * count) {
        throw new IllegalStateException(name + ": the sampler rarely meets accept");
      }
      Object[] a = coerce(sampler.apply(random));
      if (accept.test(a)) {
        points.add(a);
        drawn++;
      }
    }
    return this;
  }

  public String name() {
    return name;
  }

  public List<GradientCase.Param> params() {
    return params;
  }

  public List<Object[]> points() {
    return points;
  }

  public Function<Object[], Object[]> closedForm() {
    return closedForm;
  }

  public boolean finiteDifferences() {
    return finiteDifferences;
  }

  public double fdRelativeStep() {
    return fdRelativeStep;
  }

  public double fdTolerance() {
    return fdTolerance;
  }

  public double closedFormTolerance() {
    return closedFormTolerance;
  }

  public double valueTolerance() {
    return valueTolerance;
  }

  static boolean differentiableType(String type) {
    return type.equals("double") || type.equals("double[]") || type.equals("double[][]");
  }

  /** Indices into the argument list of the differentiated parameters, in declaration order. */
  public int[] differentiatedIndices() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      GradientCase.Param p = params.get(i);
      boolean selected =
          wrt == null ? differentiableType(p.type()) : Arrays.asList(wrt).contains(p.name());
      if (selected) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Expected record components after {@code value}: {@code dX}, {@code dW}, ... */
  public List<String> expectedComponents() {
    List<String> out = new ArrayList<>();
    for (int i : differentiatedIndices()) {
      String p = params.get(i).name();
      out.add("d" + Character.toUpperCase(p.charAt(0)) + p.substring(1));
    }
    return out;
  }

  /** The Java declaration of the method. */
  public String declaration() {
    String annotation;
    if (wrt == null) {
      annotation = "@Differentiable";
    } else {
      StringBuilder sb = new StringBuilder("@Differentiable(wrt = {");
      for (int i = 0; i < wrt.length; i++) {
        sb.append(i == 0 ? "" : ", ").append('"').append(wrt[i]).append('"');
      }
      annotation = sb.append("})").toString();
    }
    StringBuilder ps = new StringBuilder();
    for (int i = 0; i < params.size(); i++) {
      ps.append(i == 0 ? "" : ", ").append(params.get(i).type()).append(' ')
          .append(params.get(i).name());
    }
    StringBuilder sb = new StringBuilder();
    sb.append("  ").append(annotation).append('\n');
    sb.append("  public static double ").append(name).append('(').append(ps).append(") {\n");
    for (String line : body.strip().split("\n")) {
      sb.append("    ").append(line.strip()).append('\n');
    }
    sb.append("  }\n");
    return sb.toString();
  }

  /** {@code x=[0.5, -1.25], w=2.0}, short enough for a test name. */
  public String label(Object[] args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < params.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(params.get(i).name()).append('=')
          .append(Values.shortString(args[i]));
    }
    return sb.toString();
  }

  private Object[] coerce(Object[] args) {
    if (args.length != params.size()) {
      throw new IllegalArgumentException(
          name + " takes " + params.size() + " arguments, got " + Arrays.deepToString(args));
    }
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      String type = params.get(i).type();
      Object a = args[i];
      out[i] =
          switch (type) {
            case "double" -> ((Number) a).doubleValue();
            case "int" -> ((Number) a).intValue();
            case "long" -> ((Number) a).longValue();
            case "boolean" -> (Boolean) a;
            case "double[]" -> ((double[]) a).clone();
            case "double[][]" -> Values.deepCopy(a);
            case "int[]" -> ((int[]) a).clone();
            default -> throw new IllegalArgumentException("unsupported type " + type);
          };
    }
    return out;
  }

  private static List<GradientCase.Param> parse(String params) {
    List<GradientCase.Param> out = new ArrayList<>();
    if (params.isBlank()) {
      return out;
    }
    for (String p : params.split(",")) {
      String[] parts = p.strip().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException("bad parameter: " + p);
      }
      out.add(new GradientCase.Param(parts[0], parts[1]));
    }
    return out;
  }

  /** Helpers for array-valued arguments and gradients. */
  public static final class Values {
    private Values() {}

    /** A deep copy of a scalar (returned as is), double[], double[][] or int[]. */
    public static Object deepCopy(Object a) {
      if (a instanceof double[] v) {
        return v.clone();
      }
      if (a instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          c[i] = m[i].clone();
        }
        return c;
      }
      if (a instanceof int[] v) {
        return v.clone();
      }
      return a;
    }

    public static Object[] deepCopyAll(Object[] args) {
      Object[] out = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        out[i] = deepCopy(args[i]);
      }
      return out;
    }

    /** Number of scalar coordinates in a double, double[] or double[][]. */
    public static int size(Object a) {
      if (a instanceof Double) {
        return 1;
      }
      if (a instanceof double[] v) {
        return v.length;
      }
      if (a instanceof double[][] m) {
        int n = 0;
        for (double[] row : m) {
          n += row.length;
        }
        return n;
      }
      throw new IllegalArgumentException("not differentiable: " + a);
    }

    /** Appends the coordinates of {@code a} to {@code out} from {@code at}; returns the next index. */
    public static int flattenInto(Object a, double[] out, int at) {
      if (a instanceof Double d) {
        out[at] = d;
        return at + 1;
      }
      if (a instanceof double[] v) {
        System.arraycopy(v, 0, out, at, v.length);
        return at + v.length;
      }
      if (a instanceof double[][] m) {
        for (double[] row : m) {
          System.arraycopy(row, 0, out, at, row.length);
          at += row.length;
        }
        return at;
      }
      throw new IllegalArgumentException("not differentiable: " + a);
    }

    /** A value of the shape of {@code like} holding the coordinates of {@code flat} from {@code at}. */
    public static Object unflatten(Object like, double[] flat, int at) {
      if (like instanceof Double) {
        return flat[at];
      }
      if (like instanceof double[] v) {
        return Arrays.copyOfRange(flat, at, at + v.length);
      }
      if (like instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          c[i] = Arrays.copyOfRange(flat, at, at + m[i].length);
          at += m[i].length;
        }
        return c;
      }
      throw new IllegalArgumentException("not differentiable: " + like);
    }

    /** Coordinate names: {@code w}, {@code x[2]}, {@code m[1][0]}. */
    public static void coordinateNames(String name, Object like, List<String> out) {
      if (like instanceof Double) {
        out.add(name);
      } else if (like instanceof double[] v) {
        for (int i = 0; i < v.length; i++) {
          out.add(name + "[" + i + "]");
        }
      } else if (like instanceof double[][] m) {
        for (int i = 0; i < m.length; i++) {
          for (int j = 0; j < m[i].length; j++) {
            out.add(name + "[" + i + "][" + j + "]");
          }
        }
      }
    }

    /** Whether {@code a} and {@code b} have the same type and shape (values ignored). */
    public static boolean sameShape(Object a, Object b) {
      if (a instanceof Double) {
        return b instanceof Double;
      }
      if (a instanceof double[] v) {
        return b instanceof double[] w && w.length == v.length;
      }
      if (a instanceof double[][] m) {
        if (!(b instanceof double[][] n) || n.length != m.length) {
          return false;
        }
        for (int i = 0; i < m.length; i++) {
          if (n[i] == null || n[i].length != m[i].length) {
            return false;
          }
        }
        return true;
      }
      return false;
    }

    /** Bitwise equality of two argument lists (arrays compared element by element). */
    public static boolean deepEquals(Object[] a, Object[] b) {
      return Arrays.deepEquals(a, b);
    }

    public static String shortString(Object a) {
      if (a instanceof Double d) {
        return fmt(d);
      }
      if (a instanceof double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
          sb.append(i == 0 ? "" : ", ").append(fmt(v[i]));
        }
        return sb.append(']').toString();
      }
      if (a instanceof double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
          sb.append(i == 0 ? "" : ", ").append(shortString(m[i]));
        }
        return sb.append(']').toString();
      }
      if (a instanceof int[] v) {
        return Arrays.toString(v);
      }
      return String.valueOf(a);
    }

    private static String fmt(double d) {
      return String.format(Locale.ROOT, "%.4g", d);
    }

    /** {@code n} values uniform in {@code [lo, hi)}. */
    public static double[] vector(Random r, int n, double lo, double hi) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = GradientCase.u(r, lo, hi);
      }
      return v;
    }

    /** {@code n} values with random signs and magnitudes in {@code [lo, hi)}. */
    public static double[] signedVector(Random r, int n, double lo, double hi) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = GradientCase.signed(r, lo, hi);
      }
      return v;
    }

    /** {@code B Bᵀ + I} for a random {@code n x n} {@code B}: symmetric positive definite. */
    public static double[][] spd(Random r, int n) {
      double[][] b = matrix(r, n, n, -1, 1);
      double[][] s = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            s[i][j] += b[i][k] * b[j][k];
          }
        }
        s[i][i] += 1;
      }
      return s;
    }

    /** A {@code rows x cols} matrix uniform in {@code [lo, hi)}. */
    public static double[][] matrix(Random r, int rows, int cols, double lo, double hi) {
      double[][] m = new double[rows][];
      for (int i = 0; i < rows; i++) {
        m[i] = vector(r, cols, lo, hi);
      }
      return m;
    }
  }
}
