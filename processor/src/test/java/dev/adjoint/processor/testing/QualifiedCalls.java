package dev.adjoint.processor.testing;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The qualified calls a source makes, as {@code Owner.name/arity} keys with the owner's simple
 * name ({@code Math.atan2/2}, {@code LinearAlgebra.dot/2}), read from javac's parse tree rather
 * than from the text, so nested calls and line breaks count and the arity is exact. Coverage
 * tests compare these keys with the rules and kernels that must be exercised.
 */
public final class QualifiedCalls {
  private QualifiedCalls() {}

  /** Every {@code Owner.name(args)} call in {@code sources}; unqualified calls are not keys. */
  public static Set<String> of(List<JavaSource> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavacTask task = (JavacTask) javac.getTask(null, null, null, List.of("-proc:none"), null,
        sources.stream().map(JavaSource::toFileObject).toList());
    Set<String> keys = new TreeSet<>();
    TreeScanner<Void, Void> scanner = new TreeScanner<>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (call.getMethodSelect() instanceof MemberSelectTree select) {
          keys.add(key(select.getExpression().toString(), select.getIdentifier().toString(),
              call.getArguments().size()));
        }
        return super.visitMethodInvocation(call, unused);
      }
    };
    try {
      for (CompilationUnitTree unit : task.parse()) {
        scanner.scan(unit, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  /** {@code Owner.name/arity}, the owner reduced to its simple name. */
  public static String key(String owner, String name, int arity) {
    return owner.substring(owner.lastIndexOf('.') + 1) + "." + name + "/" + arity;
  }
}
