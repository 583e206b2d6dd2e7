package dev.adjoint.processor.numeric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * One {@code @Differentiable} method to put in a test source class, with the points to check it
 * at and its independent references: a {@link DerivativeStructure} {@link Oracle}, finite
 * differences, and/or exact expected gradients at pinned points.
 *
 * <pre>{@code
 * GradientCase.of("f", "double x, int n, double y", "return x * n + Math.sin(y);")
 *     .oracle(d -> d.v("x").multiply(d.i("n")).add(d.v("y").sin()))
 *     .at(1.5, 3, 0.2)
 *     .random(5, r -> new Object[] {u(r, -2, 2), r.nextInt(5), u(r, -2, 2)});
 * }</pre>
 */
public final class GradientCase {

  /** A parameter of the method under test. */
  public record Param(String type, String name) {}

  /** A point; {@code expected} is an exact expected gradient, or null. */
  public record Point(Object[] args, double[] expected) {}

  private final String name;
  private final List<Param> params;
  private final String body;
  private String[] wrt;
  private Oracle oracle;
  private boolean finiteDifferences = true;
  private double fdRelativeStep = FiniteDifferences.DEFAULT_RELATIVE_STEP;
  private double fdTolerance = Tolerances.FINITE_DIFFERENCES;
  private double valueTolerance = Tolerances.VALUE;
  private final List<Point> points = new ArrayList<>();
  private String annotationOverride;

  private GradientCase(String name, String params, String body) {
    this.name = name;
    this.params = parse(params);
    this.body = body;
  }

  /**
   * @param name the method name
   * @param params the parameter list as in Java source, e.g. {@code "double x, int n"}
   * @param body the method body (statements), e.g. {@code "return x * n;"}
   */
  public static GradientCase of(String name, String params, String body) {
    return new GradientCase(name, params, body);
  }

  /** {@code @Differentiable(wrt = {...})}, names in the order given (order must not matter). */
  public GradientCase wrt(String... names) {
    this.wrt = names.clone();
    return this;
  }

  /** Writes the annotation exactly as given, e.g. {@code @Differentiable(wrt = "x")}. */
  public GradientCase annotation(String text) {
    this.annotationOverride = text;
    return this;
  }

  public GradientCase oracle(Oracle oracle) {
    this.oracle = oracle;
    return this;
  }

  /** No finite-difference check (only for pinned points at kinks). */
  public GradientCase noFiniteDifferences() {
    this.finiteDifferences = false;
    return this;
  }

  public GradientCase fdStep(double relativeStep) {
    this.fdRelativeStep = relativeStep;
    return this;
  }

  public GradientCase fdTolerance(double tolerance) {
    this.fdTolerance = tolerance;
    return this;
  }

  /** Relative tolerance of the generated value against the original method (0: bit-exact). */
  public GradientCase valueTolerance(double tolerance) {
    this.valueTolerance = tolerance;
    return this;
  }

  public double valueTolerance() {
    return valueTolerance;
  }

  /** A point; numbers are converted to the parameter types. */
  public GradientCase at(Object... args) {
    points.add(new Point(coerce(args), null));
    return this;
  }

  /** A point with the exact gradient expected there (differentiated parameters in order). */
  public GradientCase pinned(Object[] args, double... expectedGradient) {
    points.add(new Point(coerce(args), expectedGradient.clone()));
    return this;
  }

  /** {@code count} points from a Random seeded by the case name. */
  public GradientCase random(int count, Function<Random, Object[]> sampler) {
    return random(count, sampler, a -> true);
  }

  /**
   * {@code count} points from a Random seeded by the case name, redrawing those {@code accept}
   * refuses (points near where a data-dependent branch or trip count changes, which finite
   * differences would straddle).
   */
  public GradientCase random(int count, Function<Random, Object[]> sampler,
      java.util.function.Predicate<Object[]> accept) {
    Random random = new Random(0x5EED_AD70L ^ name.hashCode());
    int drawn = 0;
    for (int attempts = 0; drawn < count; attempts++) {
      if (attempts > 1000 * count) {
        throw new IllegalStateException(name + ": the sampler rarely meets accept");
      }
      Object[] a = coerce(sampler.apply(random));
      if (accept.test(a)) {
        points.add(new Point(a, null));
        drawn++;
      }
    }
    return this;
  }

  /** Uniform in {@code [lo, hi)}. */
  public static double u(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** Uniform in {@code [lo, hi)} with a random sign. */
  public static double signed(Random r, double lo, double hi) {
    return (r.nextBoolean() ? 1 : -1) * u(r, lo, hi);
  }

  public static Object[] args(Object... args) {
    return args;
  }

  public String name() {
    return name;
  }

  public List<Param> params() {
    return params;
  }

  public Oracle oracle() {
    return oracle;
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

  public List<Point> points() {
    return points;
  }

  /** Names of the differentiated parameters in declaration order. */
  public List<String> differentiated() {
    List<String> out = new ArrayList<>();
    for (Param p : params) {
      boolean selected =
          wrt == null ? p.type().equals("double") : Arrays.asList(wrt).contains(p.name());
      if (selected) {
        out.add(p.name());
      }
    }
    return out;
  }

  /** Indices into the argument list of the differentiated parameters. */
  public int[] differentiatedIndices() {
    List<String> diff = differentiated();
    int[] idx = new int[diff.size()];
    for (int k = 0; k < diff.size(); k++) {
      for (int i = 0; i < params.size(); i++) {
        if (params.get(i).name().equals(diff.get(k))) {
          idx[k] = i;
        }
      }
    }
    return idx;
  }

  /** Expected record components after {@code value}: {@code dX}, {@code dY}, ... */
  public List<String> expectedComponents() {
    List<String> out = new ArrayList<>();
    for (String p : differentiated()) {
      out.add("d" + Character.toUpperCase(p.charAt(0)) + p.substring(1));
    }
    return out;
  }

  /** The Java declaration of the method. */
  public String declaration() {
    String annotation;
    if (annotationOverride != null) {
      annotation = annotationOverride;
    } else if (wrt == null) {
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

  Map<String, Object> named(Object[] args) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      m.put(params.get(i).name(), args[i]);
    }
    return m;
  }

  /** {@code x=1.5, n=3} */
  public String label(Object[] args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < params.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(params.get(i).name()).append('=');
      Object a = args[i];
      sb.append(a instanceof Double d ? String.format(Locale.ROOT, "%.17g", d).replaceFirst("0+$", "")
          : String.valueOf(a));
    }
    return sb.toString();
  }

  private Object[] coerce(Object[] args) {
    if (args.length != params.size()) {
      throw new IllegalArgumentException(
          name + " takes " + params.size() + " arguments, got " + Arrays.toString(args));
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
            case "char" -> (Character) a;
            default -> throw new IllegalArgumentException("unsupported type " + type);
          };
      if (a instanceof Double d && !type.equals("double") && d != Math.rint(d)) {
        throw new IllegalArgumentException(name + ": " + d + " is not a valid " + type);
      }
    }
    return out;
  }

  private static List<Param> parse(String params) {
    List<Param> out = new ArrayList<>();
    if (params.isBlank()) {
      return out;
    }
    for (String p : params.split(",")) {
      String[] parts = p.strip().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException("bad parameter: " + p);
      }
      out.add(new Param(parts[0], parts[1]));
    }
    return out;
  }
}
