package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A record parameter of the user's method as the IR sees it: one parameter {@link Var} per
 * leaf component, so nothing after the frontend knows about records. The emitter uses this to
 * write the user's signature, unpack the leaves and fill the record's adjoint storage.
 *
 * @param type the record class
 * @param components its components in declaration order
 */
public record RecordShape(ClassRef type, List<Component> components) {
  public RecordShape {
    components = List.copyOf(components);
  }

  /**
   * A component: a leaf read into {@code leaf}, or a nested record.
   *
   * @param name the accessor's name, {@code w1}
   */
  public record Component(String name, Var leaf, RecordShape nested) {
    /** Whether this component (or one below it) carries derivatives. */
    public boolean isDifferentiable() {
      return nested != null ? nested.isDifferentiable() : leaf.type().isDifferentiable();
    }
  }

  /** Whether some leaf carries derivatives. */
  public boolean isDifferentiable() {
    return components.stream().anyMatch(Component::isDifferentiable);
  }

  /** The leaves, depth first in declaration order: the IR parameters this record stands for. */
  public List<Var> leaves() {
    List<Var> out = new ArrayList<>();
    for (Component c : components) {
      if (c.nested() != null) {
        out.addAll(c.nested().leaves());
      } else {
        out.add(c.leaf());
      }
    }
    return out;
  }
}
