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
   * The generated source text of the members of the adjoint class named {@code f} or {@code
   * fPullback}, for failure messages; the whole file if they cannot be cut out.
   */
  public String generatedSnippet() {
    String src = compiled.findGeneratedSource(adjointClassName).orElse(null);
    if (src == null) {
      return "(no generated source " + adjointClassName + ")";
    }
    StringBuilder out = new StringBuilder();
    for (String member : List.of(" " + name + "(", " " + name + "Pullback(")) {
      int at = src.indexOf(member);
      if (at < 0) {
        continue;
      }
      int start = src.lastIndexOf('\n', at) + 1;
      int open = src.indexOf('{', at);
      if (open < 0) {
        continue;
      }
      int depth = 0;
      int end = open;
      for (; end < src.length(); end++) {
        char c = src.charAt(end);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          break;
        }
      }
      out.append(src, start, Math.min(src.length(), end + 1)).append('\n');
    }
    return out.length() == 0 ? src : out.toString();
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
