package dev.adjoint.processor.ir;

/**
 * A variable of the IR. Identity matters, not the name: two user locals called {@code t} in
 * sibling blocks are two {@code Var}s, and the emitter gives each a distinct Java name.
 */
public final class Var {

  /** What a variable is for; the emitter and the simplifier treat some roles specially. */
  public enum Role {
    /** A parameter of the user's method. */
    PARAM,
    /** A local the user declared; keeps its name and is never propagated away. */
    LOCAL,
    /** A temporary introduced by lowering; may be inlined. */
    TEMP,
    /** The value the method returns. */
    RESULT,
    /** The adjoint of another variable. */
    ADJOINT,
    /** A copy of a value about to be overwritten, kept for the backward sweep. */
    SAVE,
    /** A recorded branch decision. */
    BRANCH,
    /** The output adjoint given to a pullback. */
    SEED
  }

  private final String name;
  private final Type type;
  private final Role role;

  public Var(String name, Type type, Role role) {
    this.name = name;
    this.type = type;
    this.role = role;
  }

  /** The suggested Java name; the emitter makes it unique. */
  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Role role() {
    return role;
  }

  /** Whether the simplifier may replace this variable by its definition. */
  public boolean isSynthetic() {
    return role == Role.TEMP || role == Role.ADJOINT || role == Role.SEED;
  }

  @Override
  public String toString() {
    return name;
  }
}
