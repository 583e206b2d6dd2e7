package dev.adjoint.processor.frontend;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's own processing environment behind the wrappers that IDEs and build tools put around
 * it. {@code Trees.instance} and {@code JavacTask.instance} accept only javac's class, while
 * IntelliJ's build hands processors a {@link Proxy} (its {@code APIWrappers}: the invocation
 * handler holds the environment in the field {@code val$delegateTo}), Gradle an incremental
 * wrapper (field {@code delegate}) and kapt one of its own ({@code processingEnv}). Only the
 * Tree API is asked of the unwrapped environment: the processor keeps using the wrapper for
 * everything else, the {@code Filer} above all, so the tool still sees what is generated.
 */
public final class JavacEnvironment {
  private static final String JAVAC =
      "com.sun.tools.javac.processing.JavacProcessingEnvironment";

  /** Wrappers of wrappers are unwrapped too, up to this depth (a cycle cannot loop forever). */
  private static final int MAX_DEPTH = 8;

  /** The fields known wrappers keep their delegate in, tried before any other field. */
  private static final String[] KNOWN_FIELDS = {"val$delegateTo", "delegate", "processingEnv"};

  private JavacEnvironment() {}

  /** javac's environment behind {@code env}, or {@code env} itself when none is found. */
  public static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    ProcessingEnvironment current = env;
    for (int depth = 0; depth < MAX_DEPTH && !isJavac(current); depth++) {
      ProcessingEnvironment inner = delegateOf(current);
      if (inner == null) {
        return env;
      }
      current = inner;
    }
    return isJavac(current) ? current : env;
  }

  private static boolean isJavac(ProcessingEnvironment env) {
    return env.getClass().getName().equals(JAVAC);
  }

  /** The environment a wrapper delegates to: a field of a proxy's handler, or of the wrapper. */
  private static ProcessingEnvironment delegateOf(ProcessingEnvironment wrapper) {
    Object holder = Proxy.isProxyClass(wrapper.getClass())
        ? Proxy.getInvocationHandler(wrapper) : wrapper;
    for (String name : KNOWN_FIELDS) {
      ProcessingEnvironment found = fieldValue(holder, name);
      if (found != null && found != wrapper) {
        return found;
      }
    }
    // An unknown wrapper (a renamed field, another tool): any field holding an environment.
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        ProcessingEnvironment found = read(f, holder);
        if (found != null && found != wrapper) {
          return found;
        }
      }
    }
    return null;
  }

  private static ProcessingEnvironment fieldValue(Object holder, String name) {
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return read(c.getDeclaredField(name), holder);
      } catch (NoSuchFieldException e) {
        // not declared here: look in the superclass
      }
    }
    return null;
  }

  /** The field's value if it is an environment and can be read, else null. */
  private static ProcessingEnvironment read(Field f, Object holder) {
    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
      return null;
    }
    try {
      f.setAccessible(true);
      return f.get(holder) instanceof ProcessingEnvironment env ? env : null;
    } catch (RuntimeException | IllegalAccessException e) {
      return null; // a module that does not open the class: not a wrapper we can see through
    }
  }
}
