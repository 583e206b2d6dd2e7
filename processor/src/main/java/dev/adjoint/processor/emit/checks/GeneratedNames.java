package dev.adjoint.processor.emit.checks;

import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.AdjointClassGenerator;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The generated class's name is fixed by its owner's ({@code p.Outer.Inner} →
 * {@code p.Outer_InnerAdjoint}, see {@link AdjointClassGenerator#adjointClassName}), so that
 * callers in other compilations find it; it is never changed to dodge a clash. A clash is an
 * error at the owner instead: with a class of that name among the sources being compiled (the
 * Filer would refuse to write it), or with another owner that maps to the same name, in this
 * round or an earlier one. A class of that name only on the class path or source path is not a
 * clash, as it is none for the Filer: the generated source takes precedence, as it does over a
 * previous build's output.
 */
public final class GeneratedNames {
  private static final String GENERATED = "javax.annotation.processing.Generated";
  private static final String PROCESSOR = "dev.adjoint.processor.AdjointProcessor";

  private final Elements elements;
  private final Trees trees;
  /** Generated class → its owner, for every owner claimed in this compilation. */
  private final Map<String, TypeElement> claimed = new HashMap<>();
  /** Owners of this round that share their generated name with another owner of the round. */
  private final Map<TypeElement, List<TypeElement>> shared = new HashMap<>();
  /** The top-level classes of the sources being compiled, given or generated, so far. */
  private final java.util.Set<String> sources = new java.util.HashSet<>();

  public GeneratedNames(Elements elements, Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  /**
   * Call once per round with every owner of the round and the round's root elements, before
   * {@link #claim}.
   */
  public void beginRound(Collection<TypeElement> owners,
      Collection<? extends javax.lang.model.element.Element> roots) {
    for (javax.lang.model.element.Element root : roots) {
      if (root instanceof TypeElement t) {
        sources.add(t.getQualifiedName().toString());
      }
    }
    shared.clear();
    Map<String, List<TypeElement>> byName = new LinkedHashMap<>();
    for (TypeElement owner : owners) {
      byName.computeIfAbsent(name(owner), k -> new java.util.ArrayList<>()).add(owner);
    }
    for (List<TypeElement> group : byName.values()) {
      for (TypeElement owner : group) {
        if (group.size() > 1) {
          shared.put(owner, group.stream().filter(o -> o != owner).collect(Collectors.toList()));
        }
      }
    }
  }

  /** Reports, at {@code owner}, why its adjoint cannot be generated under its name, if so. */
  public void claim(TypeElement owner, Diagnostics diagnostics) {
    String name = name(owner);
    TypeElement earlier = claimed.putIfAbsent(name, owner);
    List<TypeElement> others = shared.getOrDefault(owner, List.of());
    for (TypeElement other : others) {
      diagnostics.error(owner, Message.GENERATED_NAME_SHARED, owner.getQualifiedName(),
          other.getQualifiedName(), name);
    }
    if (others.isEmpty() && earlier != null && earlier != owner) {
      diagnostics.error(owner, Message.GENERATED_NAME_SHARED, owner.getQualifiedName(),
          earlier.getQualifiedName(), name);
    }
    if (!others.isEmpty() || earlier != null) {
      return;
    }
    TypeElement existing = elements.getTypeElement(name);
    if (existing != null && sources.contains(name)) {
      if (generatedByAdjoint(existing)) {
        diagnostics.error(owner, Message.GENERATED_NAME_STALE, name, owner.getQualifiedName());
      } else {
        diagnostics.error(owner, Message.GENERATED_NAME_TAKEN, owner.getQualifiedName(), name,
            fileName(existing));
      }
    }
  }

  private String fileName(TypeElement type) {
    var path = trees.getPath(type);
    if (path == null) {
      return type.getSimpleName() + ".java";
    }
    String file = path.getCompilationUnit().getSourceFile().getName();
    return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  }

  private String name(TypeElement owner) {
    return AdjointClassGenerator.adjointClassName(owner, elements).canonicalName();
  }

  private static boolean generatedByAdjoint(TypeElement type) {
    for (AnnotationMirror a : type.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(GENERATED)
          && a.getElementValues().values().stream()
              .anyMatch(v -> v.toString().contains(PROCESSOR))) {
        return true;
      }
    }
    return false;
  }
}
