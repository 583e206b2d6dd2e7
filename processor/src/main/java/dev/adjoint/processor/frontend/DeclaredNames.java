package dev.adjoint.processor.frontend;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.Set;

/** The names a method declares (parameters and locals), which generated names step around. */
final class DeclaredNames {
  private DeclaredNames() {}

  static Set<String> of(MethodTree method) {
    Set<String> out = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree v, Void unused) {
        out.add(v.getName().toString());
        return super.visitVariable(v, unused);
      }
    }.scan(method, null);
    return out;
  }
}
