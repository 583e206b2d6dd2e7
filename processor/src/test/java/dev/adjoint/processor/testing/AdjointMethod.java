package dev.adjoint.processor.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code @Differentiable} method {@code f} of a compiled source class and its generated
 * {@code FooAdjoint.f} (value and gradient as a record) and {@code FooAdjoint.fPullback}, called
 * reflectively.
 */
public final class AdjointMethod {

  private final Compiled compiled;
  private final Method original;
  private final String adjointClassName;
  private final String name;
  private Class<?> adjointClass;
  private Method gradientMethod;
  private Method pullbackMethod;

  AdjointMethod(Compiled compiled, Class<?> source, String adjointClassName, String name) {
    this.compiled = compiled;
    this.adjointClassName = adjointClassName;
    this.name = name;
    List<Method> found = new ArrayList<>();
    for (Method m : source.getDeclaredMethods()) {
      if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
        found.add(m);
      }
    }
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one static method " + name + " in " + source.getName() + ", found "
              + found);
    }
    this.original = found.get(0);
    this.original.setAccessible(true);
  }

  public String name() {
    return name;
  }

  public Method original() {
    return original;
  }

  public Class<?>[] parameterTypes() {
    return original.getParameterTypes();
  }

  /** Source parameter names (the compilation uses {@code -parameters}). */
  public List<String> parameterNames() {
    List<String> names = new ArrayList<>();
    for (Parameter p : original.getParameters()) {
      names.add(p.getName());
    }
    return names;
  }

  public Class<?> adjointClass() {
    if (adjointClass == null) {
      adjointClass = compiled.loadClass(adjointClassName);
    }
    return adjointClass;
  }

  /** The generated {@code public static FGradient f(...)}. */
  public Method gradientMethod() {
    if (gradientMethod == null) {
      gradientMethod = find(name, original.getParameterTypes());
    }
    return gradientMethod;
  }

  /** The generated {@code public static double fPullback(..., double seed, double[] grad)}. */
  public Method pullbackMethod() {
    if (pullbackMethod == null) {
      Class<?>[] params = Arrays.copyOf(original.getParameterTypes(),
          original.getParameterCount() + 2);
      params[params.length - 2] = double.class;
      params[params.length - 1] = double[].class;
      pullbackMethod = find(name + "Pullback", params);
    }
    return pullbackMethod;
  }

  /** The generated record type, {@code FooAdjoint.FGradient}. */
  public Class<?> recordType() {
    return gradientMethod().getReturnType();
  }

  /** Record component names after {@code value}. */
  public List<String> componentNames() {
    RecordComponent[] rc = recordComponents();
    List<String> names = new ArrayList<>();
    for (int i = 1; i < rc.length; i++) {
      names.add(rc[i].getName());
    }
    return names;
  }

  /** Calls the original method (javac's compilation of the user's source). */
  public double call(Object... args) {
    return (double) invoke(original, args);
  }

  /** Calls the generated {@code f(...)} and reads the record back. */
  public ValueAndGradient valueAndGradient(Object... args) {
    Object record = invoke(gradientMethod(), args);
    if (record == null) {
      throw new AssertionError(name + " returned null");
    }
    RecordComponent[] rc = recordComponents();
    if (rc.length == 0 || !rc[0].getName().equals("value") || rc[0].getType() != double.class) {
      throw new AssertionError(
          "record " + recordType().getName() + " must start with 'double value', has "
              + Arrays.toString(rc));
    }
    double value = (double) read(rc[0], record);
    List<String> names = new ArrayList<>();
    double[] components = new double[rc.length - 1];
    for (int i = 1; i < rc.length; i++) {
      names.add(rc[i].getName());
      components[i - 1] = (double) read(rc[i], record);
    }
    double[] gradient;
    try {
      Method g = record.getClass().getMethod("gradient");
      g.setAccessible(true);
      gradient = (double[]) g.invoke(record);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(recordType().getName() + " has no gradient() method", e);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    }
    return new ValueAndGradient(value, gradient, List.copyOf(names), components, record);
  }

  /** Calls the generated {@code fPullback(args..., seed, grad)}. */
  public double pullback(double seed, double[] grad, Object... args) {
    Object[] all = Arrays.copyOf(args, args.length + 2);
    all[args.length] = seed;
    all[args.length + 1] = grad;
    return (double) invoke(pullbackMethod(), all);
  }

  /**
   * The generated {@code fPullback(params..., double seed, trailing...)}: for methods with array
   * parameters the trailing parameters are {@code double[] grad} (only when some differentiated
   * parameter is a scalar) and one adjoint array per differentiated array parameter.
   */
  public Method pullbackMethod(Class<?>... trailing) {
    Class<?>[] params = Arrays.copyOf(original.getParameterTypes(),
        original.getParameterCount() + 1 + trailing.length);
    params[original.getParameterCount()] = double.class;
    System.arraycopy(trailing, 0, params, original.getParameterCount() + 1, trailing.length);
    return find(name + "Pullback", params);
  }

  /** Calls {@code fPullback(args..., seed, trailing...)} as found by {@link #pullbackMethod(Class[])}. */
  public double pullbackWith(Object[] args, double seed, Class<?>[] trailingTypes,
      Object... trailing) {
    Object[] all = Arrays.copyOf(args, args.length + 1 + trailing.length);
    all[args.length] = seed;
    System.arraycopy(trailing, 0, all, args.length + 1, trailing.length);
    return (double) invoke(pullbackMethod(trailingTypes), all);
  }

  /**
   * Calls the generated {@code f(...)} and returns every record component in order ({@code value}
   * first), without requiring a {@code gradient()} method (records with array components have
   * none).
   */
  public Object[] recordComponentValues(Object... args) {
    Object record = invoke(gradientMethod(), args);
    if (record == null) {
      throw new AssertionError(name + " returned null");
    }
    RecordComponent[] rc = recordComponents();
    Object[] out = new Object[rc.length];
    for (int i = 0; i < rc.length; i++) {
      out[i] = read(rc[i], record);
    }
    return out;
  }

  /** Record component types after {@code value}. */
  public List<Class<?>> componentTypes() {
    RecordComponent[] rc = recordComponents();
    List<Class<?>> types = new ArrayList<>();
    for (int i = 1; i < rc.length; i++) {
      types.add(rc[i].getType());
    }
    return types;
  }

  /** Whether the record declares a public {@code double[] gradient()}. */
  public boolean recordHasGradientMethod() {
    try {
      return recordType().getMethod("gradient").getReturnType() == double[].class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * The generated source text of the members of the adjoint class named {@code f} or {@code
   * fPullback}, for failure messages; the whole file if they cannot be cut out.
   */
  public String generatedSnippet() {
    String src = compiled.findGeneratedSource(adjointClassName).orElse(null);
    if (src == null) {
      return "(no generated source " + adjointClassName + ")";
    }
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
            "(?m)^[ \\t]*(?:public\\s+)?static\\s+[\\w.<>\\[\\]]+\\s+"
                + java.util.regex.Pattern.quote(name) + "(?:Pullback)?\\(")
        .matcher(src);
    while (m.find()) {
      int start = m.start();
      int open = bodyStart(src, m.end());
      if (open < 0) {
        continue;
      }
      int end = matchingBrace(src, open);
      out.append(src, start, Math.min(src.length(), end + 1)).append('\n');
    }
    return out.length() == 0 ? src : out.toString();
  }

  /** The '{' that opens the body of the method whose parameter list starts before {@code from}. */
  private static int bodyStart(String src, int from) {
    int depth = 1;
    for (int i = from; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return src.indexOf('{', i);
      }
    }
    return -1;
  }

  /** The '}' closing the '{' at {@code open}, skipping comments and literals. */
  private static int matchingBrace(String src, int open) {
    int depth = 0;
    int i = open;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (src.startsWith("//", i)) {
        int nl = src.indexOf('\n', i);
        i = nl < 0 ? src.length() : nl;
        continue;
      }
      if (src.startsWith("/*", i)) {
        int close = src.indexOf("*/", i + 2);
        i = close < 0 ? src.length() : close + 2;
        continue;
      }
      if (c == '"' || c == '\'') {
        i++;
        while (i < src.length() && src.charAt(i) != c) {
          i += src.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
      i++;
    }
    return src.length() - 1;
  }

  private RecordComponent[] recordComponents() {
    Class<?> type = recordType();
    if (!type.isRecord()) {
      throw new AssertionError(gradientMethod() + " returns " + type + ", not a record");
    }
    return type.getRecordComponents();
  }

  private Method find(String methodName, Class<?>[] params) {
    try {
      Method m = adjointClass().getDeclaredMethod(methodName, params);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      StringBuilder have = new StringBuilder();
      for (Method m : adjointClass().getDeclaredMethods()) {
        have.append("\n  ").append(m);
      }
      throw new AssertionError(
          "no method " + methodName + Arrays.toString(params) + " in " + adjointClassName
              + "; it declares:" + have,
          e);
    }
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    }
  }

  private static Object invoke(Method m, Object[] args) {
    try {
      return m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          "cannot call " + m + " with " + Arrays.deepToString(args), e);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    }
  }

  private static RuntimeException rethrow(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    throw new RuntimeException(cause);
  }
}
