package dev.adjoint.processor.ir;

/** What a generated method computes besides the value. */
public enum Mode {
  /**
   * Reverse mode: a pullback that adds the seed times the gradient into caller-owned adjoints,
   * and a value-and-gradient call that seeds it with 1.
   */
  REVERSE,
  /** Forward (tangent) mode: the directional derivative J·ṗ of the result, in one sweep. */
  FORWARD,
  /**
   * Second order: the tangent of the reverse-mode pullback (forward over reverse), whose
   * gradient's tangent is a Hessian-vector product.
   */
  HESSIAN
}
