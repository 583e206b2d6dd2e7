package dev.adjoint.processor.ir;

/**
 * A variable of the IR. Identity matters, not the name: two user locals called {@code t} in
 * sibling blocks are two {@code Var}s, and the emitter gives each a distinct Java name.
 */
public final class Var {

  /** What a variable is for; the emitter and the optimizer treat some roles specially. */
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
    SEED,
    /**
     * A field the method reads and never writes ({@code static final double SQRT2PI}, a
     * constant table): data, printed as {@code Owner.NAME}, with no adjoint.
     */
    FIELD
  }

  private final String name;
  private final Type type;
  private final Role role;
  private final String userName;
  private final ClassRef owner;
  private final ClassRef objectClass;

  public Var(String name, Type type, Role role) {
    this(name, type, role, name, null, null);
  }

  private Var(String name, Type type, Role role, String userName, ClassRef owner,
      ClassRef objectClass) {
    this.name = name;
    this.type = type;
    this.role = role;
    this.userName = userName;
    this.owner = owner;
    this.objectClass = objectClass;
  }

  /** A variable of {@link Type#OBJECT} holding values of {@code objectClass}. */
  public static Var object(String name, Role role, ClassRef objectClass) {
    return new Var(name, Type.OBJECT, role, name, null, objectClass);
  }

  /** The enum constant {@code enumClass.name}, read as data. */
  public static Var enumConstant(ClassRef enumClass, String name) {
    return new Var(name, Type.OBJECT, Role.FIELD, name, enumClass, enumClass);
  }

  /** A new variable of {@code role} for a value of {@code value}'s type (and class). */
  public static Var holding(String name, Role role, Expr value) {
    return value.type() == Type.OBJECT ? object(name, role, Exprs.objectClass(value))
        : new Var(name, value.type(), role);
  }

  /** Another variable of this one's type (and class). */
  public Var like(String name, Role role) {
    return new Var(name, type, role, name, null, objectClass);
  }

  /** The class of an {@link Type#OBJECT} variable's values; null for other types. */
  public ClassRef objectClass() {
    return objectClass;
  }

  /** The field {@code owner.name}, read as data: one {@code Var} per field and method. */
  public static Var field(ClassRef owner, String name, Type type) {
    return new Var(name, type, Role.FIELD, name, owner, null);
  }

  /**
   * A field of the receiver of an instance method ({@code this.lr}, {@code data}): data,
   * printed as {@code model.lr} after the receiver parameter of the generated methods.
   */
  public static Var receiverField(String name, Type type) {
    return new Var(name, type, Role.FIELD, name, null, null);
  }

  /**
   * A field holding an enum or a {@code String} ({@code static final Mode DEFAULT}, or a field
   * of the receiver when {@code owner} is null): data, like {@link #field}.
   */
  public static Var objectField(ClassRef owner, String name, ClassRef objectClass) {
    return new Var(name, Type.OBJECT, Role.FIELD, name, owner, objectClass);
  }

  /** {@code this} of an instance method: the receiver of its calls of instance methods. */
  public static Var receiver() {
    return new Var("this", Type.RECEIVER, Role.FIELD, "this", null, null);
  }

  /** Whether this is a field of the receiver ({@link #receiverField}). */
  public boolean isReceiverField() {
    return role == Role.FIELD && owner == null && type != Type.RECEIVER;
  }

  /** The class declaring this static field; null for any other variable. */
  public ClassRef owner() {
    return owner;
  }

  /** A parameter or field: a value the method may read but only parameters may rebind. */
  public boolean isInput() {
    return role == Role.PARAM || role == Role.FIELD;
  }

  /**
   * A new variable for another binding of this one ({@code y = scale(3, y)}): suggested name
   * {@code name} ({@code y2}), a local, and still this variable's name in error messages.
   */
  public Var rebinding(String name) {
    return new Var(name, type, Role.LOCAL, userName, null, objectClass);
  }

  /** The name the user wrote, for messages: {@code y} for the {@code y2} of a rebinding. */
  public String userName() {
    return userName;
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

  /** Whether the optimizer may replace this variable by its definition. */
  public boolean isSynthetic() {
    return role == Role.TEMP || role == Role.ADJOINT || role == Role.SEED;
  }

  @Override
  public String toString() {
    return name;
  }
}
