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

  StaticImports(CompilationUnitTree unit) {
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() || imp.getQualifiedIdentifier().getKind() != Tree.Kind.MEMBER_SELECT) {
        continue;
      }
      MemberSelectTree select = (MemberSelectTree) imp.getQualifiedIdentifier();
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

  /** The class ({@code Math} or {@code StrictMath}) an unqualified member comes from. */
  Optional<String> ownerOf(String member) {
    String owner = single.get(member);
    return Optional.ofNullable(owner != null ? owner : onDemand);
  }
}
