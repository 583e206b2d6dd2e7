package dev.adjoint.samples.notes;

import java.util.List;

/**
 * The derivations of the lecture notes on matrix calculus and backpropagation, one sample class
 * each, every one checked at a fixed random point against the closed form the notes derive.
 * {@code docs/notes-to-code.md} maps each derivation to its class and test.
 */
public final class NotesSamples {

  private NotesSamples() {}

  /** One report line per derivation, in the notes' order, then the {@code @DerivativeOf} sample. */
  public static List<String> runAll() {
    return List.of(
        QuadraticForm.run(),
        TraceOfProduct.run(),
        BilinearForm.run(),
        LinearRegression.run(),
        LinearLayer.run(),
        SigmoidNetwork.run(),
        Sigmoid.run(),
        LogisticLeastSquares.run(),
        RidgeRegression.run(),
        ElementwiseExp.run(),
        HessianVectorProduct.run(),
        Determinant.run(),
        TraceOfInverse.run(),
        Trace.run(),
        CrossEntropy.run());
  }

  public static void main(String[] args) {
    System.out.println("From the notes to code: generated gradients vs the notes' closed forms");
    for (String line : runAll()) {
      System.out.println(line);
    }
  }
}
