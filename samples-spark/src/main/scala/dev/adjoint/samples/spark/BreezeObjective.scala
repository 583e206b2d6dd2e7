package dev.adjoint.samples.spark

import breeze.linalg.DenseVector
import breeze.optimize.DiffFunction

/**
 * An [[Objective]] as Breeze's `DiffFunction[DenseVector[Double]]`, what its L-BFGS minimizes:
 * each `calculate` is one `Objective.evaluate` (one Spark job for a [[SparkObjective]]).
 *
 * The one Scala source of the module, because Java cannot implement the trait: it declares
 * `def apply(x: T): Double` over `Function1`'s generic `apply`, which javac sees as two methods
 * differing only in their return type (scalac writes the bridge into each class mixing the
 * trait in); `java.lang.reflect.Proxy` refuses it for the same reason.
 */
final class BreezeObjective(f: Objective) extends DiffFunction[DenseVector[Double]] {

  override def calculate(x: DenseVector[Double]): (Double, DenseVector[Double]) = {
    val gradient = new Array[Double](f.dimension())
    val value = f.evaluate(x.toArray, gradient)
    (value, DenseVector(gradient))
  }
}

object BreezeObjective {

  /** A vector holding a copy of `values`. */
  def vector(values: Array[Double]): DenseVector[Double] = DenseVector(values.clone())

  /** The entries of `x`, copied. */
  def values(x: DenseVector[Double]): Array[Double] = x.toArray
}
