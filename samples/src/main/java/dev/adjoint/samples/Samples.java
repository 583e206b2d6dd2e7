package dev.adjoint.samples;

import dev.adjoint.runtime.GradientCheck;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs each sample once: prints its value, its generated gradient and how far that gradient is
 * from central finite differences, then minimizes Rosenbrock by plain gradient descent.
 */
public final class Samples {

  private Samples() {}

  public static void main(String[] args) {
    double[] p = {-1.2, 1.0};
    var rosenbrock = RosenbrockAdjoint.rosenbrock(p[0], p[1]);
    report(
        "Rosenbrock at (x, y) = (-1.2, 1)",
        new String[] {"dX", "dY"},
        rosenbrock.value(),
        rosenbrock.gradient(),
        GradientCheck.maxRelativeError(
            v -> Rosenbrock.rosenbrock(v[0], v[1]), p, rosenbrock.gradient()));

    // Differentiated with respect to (w, b); the example (x, t) and lambda are held fixed.
    double x = 1.5;
    double t = 1.0;
    double lambda = 0.1;
    double[] wb = {0.4, -0.3};
    var logistic = LossesAdjoint.logisticLeastSquares(wb[0], wb[1], x, t, lambda);
    report(
        "Logistic least squares at (w, b) = (0.4, -0.3), x = 1.5, t = 1, lambda = 0.1",
        new String[] {"dW", "dB"},
        logistic.value(),
        logistic.gradient(),
        GradientCheck.maxRelativeError(
            v -> Losses.logisticLeastSquares(v[0], v[1], x, t, lambda), wb, logistic.gradient()));

    double[] h = {2.0, 3.5, 1.0, 4.0};
    var huber = PiecewiseAdjoint.asymmetricHuber(h[0], h[1], h[2], h[3]);
    report(
        "Asymmetric Huber at (prediction, target, delta, under) = (2, 3.5, 1, 4)",
        new String[] {"dPrediction", "dTarget", "dDelta", "dUnder"},
        huber.value(),
        huber.gradient(),
        GradientCheck.maxRelativeError(
            v -> Piecewise.asymmetricHuber(v[0], v[1], v[2], v[3]), h, huber.gradient()));

    descend();
  }

  /** Plain gradient descent on Rosenbrock, using the allocation-free pullback. */
  private static void descend() {
    double learningRate = 1e-3;
    int steps = 20_000;
    double x = -1.2;
    double y = 1.0;
    double[] grad = new double[2];
    System.out.println(
        "Gradient descent on Rosenbrock, learning rate " + learningRate + ", " + steps + " steps");
    printPoint("start", x, y);
    for (int i = 0; i < steps; i++) {
      Arrays.fill(grad, 0.0); // the pullback adds into grad
      RosenbrockAdjoint.rosenbrockPullback(x, y, 1.0, grad);
      x -= learningRate * grad[0];
      y -= learningRate * grad[1];
    }
    printPoint("end", x, y);
  }

  private static void printPoint(String label, double x, double y) {
    System.out.printf(
        "  %-5s  (x, y) = (%s, %s), f = %s%n",
        label, num(x), num(y), num(Rosenbrock.rosenbrock(x, y)));
  }

  private static void report(
      String title, String[] names, double value, double[] gradient, double error) {
    StringBuilder components = new StringBuilder();
    for (int i = 0; i < gradient.length; i++) {
      components.append(i == 0 ? "" : ", ").append(names[i]).append(" = ");
      components.append(num(gradient[i]));
    }
    System.out.println(title);
    System.out.println("  value     " + num(value));
    System.out.println("  gradient  " + components);
    System.out.printf(
        Locale.ROOT, "  check     max relative error vs finite differences: %.1e%n%n", error);
  }

  /** {@code v} to 8 significant digits, without trailing zeros. */
  private static String num(double v) {
    BigDecimal d = new BigDecimal(v).round(new MathContext(8)).stripTrailingZeros();
    return d.scale() < 0 ? d.toPlainString() : d.toString();
  }
}
