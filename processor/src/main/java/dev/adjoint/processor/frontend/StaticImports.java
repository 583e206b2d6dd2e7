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
  /** Every other class imported statically: for calls of kernels and annotated methods. */
  private final Map<String, String> otherSingle = new HashMap<>();
  private final java.util.List<String> otherOnDemand = new java.util.ArrayList<>();

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
        String type = select.getExpression().toString();
        if (select.getIdentifier().contentEquals("*")) {
          otherOnDemand.add(type);
        } else {
          otherSingle.put(select.getIdentifier().toString(), type);
        }
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

  /** Classes that may declare an unqualified {@code member}, most specific first. */
  java.util.List<String> otherOwnersOf(String member) {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (otherSingle.containsKey(member)) {
      out.add(otherSingle.get(member));
    }
    out.addAll(otherOnDemand);
    return out;
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
