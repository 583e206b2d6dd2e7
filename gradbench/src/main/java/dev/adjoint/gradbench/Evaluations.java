package dev.adjoint.gradbench;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/** Evaluations of a function already bound to its (parsed) input. */
public final class Evaluations {
  private Evaluations() {
  }

  /** A function whose output is a number. */
  public static Evaluation ofDouble(DoubleSupplier function) {
    return new Evaluation() {
      private double last = Double.NaN;

      @Override
      public void run() {
        last = function.getAsDouble();
      }

      @Override
      public Object output() {
        return last;
      }
    };
  }

  /** A function whose output is an array or a record, serialized as Jackson does. */
  public static Evaluation of(Supplier<?> function) {
    return new Evaluation() {
      private Object last;

      @Override
      public void run() {
        last = function.get();
      }

      @Override
      public Object output() {
        return last;
      }
    };
  }
}
