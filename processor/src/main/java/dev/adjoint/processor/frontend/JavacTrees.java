package dev.adjoint.processor.frontend;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * The one place that asks javac for its Tree API. Wrapped environments (IntelliJ, Gradle) are
 * seen through ({@link JavacEnvironment}); one that cannot be, which {@code Trees.instance}
 * rejects, becomes a clear error.
 */
public final class JavacTrees {
  private JavacTrees() {}

  /** The trees of this compilation, or an exception whose message says why there are none. */
  public static Trees of(ProcessingEnvironment env) {
    try {
      return Trees.instance(JavacEnvironment.unwrap(env));
    } catch (IllegalArgumentException | LinkageError e) {
      throw new IllegalStateException(env.getClass().getName() + ": " + e.getMessage(), e);
    }
  }
}
