package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Which unqualified names a compilation unit imports statically from Math or StrictMath. */
final class StaticImports {
  private final Map<String, String> single = new HashMap<>();
  private String onDemand;
  private boolean gradients;

  StaticImports(CompilationUnitTree unit) {
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() || imp.getQualifiedIdentifier().getKind() != Tree.Kind.MEMBER_SELECT) {
        continue;
      }
      MemberSelectTree select = (MemberSelectTree) imp.getQualifiedIdentifier();
      if (select.getExpression().toString().equals(MethodReader.GRADIENTS)) {
        gradients = true;
      }
      String owner = MethodReader.mathOwner(select.getExpression().toString());
      if (owner == null) {
        continue;
      }
      String member = select.getIdentifier().toString();
      if (member.equals("*")) {
        onDemand = owner;
      } else {
        single.put(member, owner);
      }
    }
  }

  /** Whether {@code withoutDerivative} is imported statically. */
  boolean importsGradients() {
    return gradients;
  }

  /** The class ({@code Math} or {@code StrictMath}) an unqualified member comes from. */
  Optional<String> ownerOf(String member) {
    String owner = single.get(member);
    return Optional.ofNullable(owner != null ? owner : onDemand);
  }
}
