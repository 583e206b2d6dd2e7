package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import java.util.Optional;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** How javac's tree kinds and types map onto the IR's operators and types. */
final class TreeKinds {
  private TreeKinds() {}

  /** The IR operator of a binary, unary-assignment or compound-assignment tree kind. */
  static Op operator(Tree.Kind kind) {
    switch (kind) {
      case PLUS:
      case PLUS_ASSIGNMENT:
        return Op.ADD;
      case MINUS:
      case MINUS_ASSIGNMENT:
        return Op.SUB;
      case MULTIPLY:
      case MULTIPLY_ASSIGNMENT:
        return Op.MUL;
      case DIVIDE:
      case DIVIDE_ASSIGNMENT:
        return Op.DIV;
      case REMAINDER:
      case REMAINDER_ASSIGNMENT:
        return Op.REM;
      case LESS_THAN:
        return Op.LT;
      case LESS_THAN_EQUAL:
        return Op.LE;
      case GREATER_THAN:
        return Op.GT;
      case GREATER_THAN_EQUAL:
        return Op.GE;
      case EQUAL_TO:
        return Op.EQ;
      case NOT_EQUAL_TO:
        return Op.NE;
      case AND:
      case AND_ASSIGNMENT:
        return Op.BIT_AND;
      case OR:
      case OR_ASSIGNMENT:
        return Op.BIT_OR;
      case XOR:
      case XOR_ASSIGNMENT:
        return Op.BIT_XOR;
      case LEFT_SHIFT:
      case LEFT_SHIFT_ASSIGNMENT:
        return Op.SHL;
      case RIGHT_SHIFT:
      case RIGHT_SHIFT_ASSIGNMENT:
        return Op.SHR;
      case UNSIGNED_RIGHT_SHIFT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return Op.USHR;
      case CONDITIONAL_AND:
        return Op.AND;
      case CONDITIONAL_OR:
        return Op.OR;
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }
  /** The IR type a type tree (a primitive or an array of one) names, if the IR models it. */
  static Optional<Type> type(Tree typeTree) {
    if (typeTree instanceof ArrayTypeTree array) {
      return type(array.getType()).flatMap(Type::arrayOf);
    }
    return typeTree instanceof PrimitiveTypeTree p ? type(p.getPrimitiveTypeKind())
        : Optional.empty();
  }

  /** The IR type of a type mirror, if the IR models it. */
  static Optional<Type> type(TypeMirror t) {
    if (t instanceof ArrayType array) {
      return type(array.getComponentType()).flatMap(Type::arrayOf);
    }
    return type(t.getKind());
  }


  /** The IR type of a Java type kind, if the IR models it. */
  static Optional<Type> type(TypeKind kind) {
    switch (kind) {
      case DOUBLE:
        return Optional.of(Type.DOUBLE);
      case INT:
        return Optional.of(Type.INT);
      case CHAR:
        return Optional.of(Type.CHAR);
      case LONG:
        return Optional.of(Type.LONG);
      case BOOLEAN:
        return Optional.of(Type.BOOLEAN);
      default:
        return Optional.empty();
    }
  }}
