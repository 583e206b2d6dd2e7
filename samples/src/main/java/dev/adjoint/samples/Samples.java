package dev.adjoint.samples;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Stacks;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Runs each sample once: prints its value, its generated gradient and how far that gradient is
 * from central finite differences, then minimizes Rosenbrock by plain gradient descent. Then the
 * array samples: least squares trained by gradient descent and compared with the solution of the
 * normal equations, and Rosenbrock in n dimensions; the notes' derivations; the Iris classifier;
 * Black–Scholes greeks; a Gaussian process fitted by its likelihood; a ridge-regression model
 * written with instance methods; a projectile with drag aimed by Newton's method through 1,000
 * Euler steps.
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
    System.out.println();

    leastSquares();
    extendedRosenbrock();
    System.out.println();

    System.out.println("From the notes: generated gradients against the notes' closed forms");
    dev.adjoint.samples.notes.NotesSamples.runAll().forEach(line -> System.out.println("  " + line));
    System.out.println();

    dev.adjoint.samples.iris.IrisClassifier.run(System.out::println);
    System.out.println();

    dev.adjoint.samples.finance.BlackScholes.run(System.out::println);
    System.out.println();

    dev.adjoint.samples.gp.GaussianProcess.run(System.out::println);
    System.out.println();

    dev.adjoint.samples.model.RidgeModel.run(System.out::println);
    System.out.println();

    dev.adjoint.samples.physics.Projectile.run(System.out::println);
  }

  /**
   * Least squares on seeded random data: the gradient at w = 0, then gradient descent from w = 0
   * with the pullback, against the closed-form solution of the normal equations.
   */
  private static void leastSquares() {
    int m = 50;
    int n = 5;
    double[] trueW = {1.0, -2.0, 0.5, 3.0, -1.0};
    Random random = new Random(42);
    double[][] X = new double[m][n];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        X[i][j] = random.nextGaussian();
        y[i] += X[i][j] * trueW[j];
      }
      y[i] += 0.1 * random.nextGaussian(); // noise: the fit is not exact
    }

    double[] w = new double[n];
    var atZero = LeastSquaresAdjoint.sumOfSquares(X, y, w);
    report(
        "Least squares ||y - X w||^2 at w = 0, X "
            + m
            + " x "
            + n
            + " (seeded Gaussian), y = X w_true + noise",
        indexed("dW", n),
        atZero.value(),
        atZero.dW(),
        GradientCheck.maxRelativeError(v -> LeastSquares.sumOfSquares(X, y, v), w, atZero.dW()));

    double learningRate = 0.004;
    int steps = 500;
    double[] wBar = new double[n];
    System.out.println(
        "Gradient descent on least squares from w = 0, learning rate "
            + learningRate
            + ", "
            + steps
            + " steps");
    // The loops' records go on these stacks, reused across steps so no step allocates.
    Stacks stacks = new Stacks();
    System.out.println("  start  loss = " + num(LeastSquares.sumOfSquares(X, y, w)));
    for (int step = 0; step < steps; step++) {
      Arrays.fill(wBar, 0.0); // the pullback adds into wBar
      LeastSquaresAdjoint.sumOfSquaresPullback(X, y, w, 1.0, wBar, stacks);
      for (int j = 0; j < n; j++) {
        w[j] -= learningRate * wBar[j];
      }
    }
    double[] exact = LeastSquares.normalEquations(X, y);
    double maxDifference = 0;
    for (int j = 0; j < n; j++) {
      maxDifference = Math.max(maxDifference, Math.abs(w[j] - exact[j]));
    }
    System.out.println("  end    loss = " + num(LeastSquares.sumOfSquares(X, y, w)));
    System.out.println("  descent      w = " + vector(w));
    System.out.println(
        "  closed form  w = " + vector(exact) + "  (normal equations X^T X w = X^T y)");
    System.out.printf(
        Locale.ROOT,
        "  max |w_descent - w_closed_form| = %.1e, loss at closed form = %s%n%n",
        maxDifference,
        num(LeastSquares.sumOfSquares(X, y, exact)));
  }

  /** Rosenbrock in n dimensions: gradient check at the classic start, then gradient descent. */
  private static void extendedRosenbrock() {
    int n = 6;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    var start = ExtendedRosenbrockAdjoint.rosenbrock(x);
    report(
        "Rosenbrock in " + n + " dimensions at x = (-1.2, 1, -1.2, 1, -1.2, 1)",
        indexed("dX", n),
        start.value(),
        start.dX(),
        GradientCheck.maxRelativeError(ExtendedRosenbrock::rosenbrock, x, start.dX()));

    double learningRate = 1e-3;
    int steps = 20_000;
    double[] xBar = new double[n];
    System.out.println(
        "Gradient descent on Rosenbrock in "
            + n
            + " dimensions, learning rate "
            + learningRate
            + ", "
            + steps
            + " steps");
    System.out.println("  start  f = " + num(ExtendedRosenbrock.rosenbrock(x)));
    for (int step = 0; step < steps; step++) {
      Arrays.fill(xBar, 0.0);
      ExtendedRosenbrockAdjoint.rosenbrockPullback(x, 1.0, xBar);
      for (int i = 0; i < n; i++) {
        x[i] -= learningRate * xBar[i];
      }
    }
    System.out.println("  end    f = " + num(ExtendedRosenbrock.rosenbrock(x)));
    System.out.println("         x = " + vector(x));
  }

  private static String[] indexed(String name, int n) {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = name + "[" + i + "]";
    }
    return names;
  }

  private static String vector(double[] v) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append(num(v[i]));
    }
    return s.append(")").toString();
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
