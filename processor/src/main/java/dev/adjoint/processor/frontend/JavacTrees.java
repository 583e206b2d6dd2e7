package dev.adjoint.processor.frontend;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * The one place that asks javac for its Tree API. Wrapped environments (some IDEs) hand the
 * processor a proxy that {@code Trees.instance} rejects; we turn that into a clear error.
 */
public final class JavacTrees {
  private JavacTrees() {}

  /** The trees of this compilation, or an exception whose message says why there are none. */
  public static Trees of(ProcessingEnvironment env) {
    try {
      return Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      throw new IllegalStateException(env.getClass().getName() + ": " + e.getMessage(), e);
    }
  }
}
