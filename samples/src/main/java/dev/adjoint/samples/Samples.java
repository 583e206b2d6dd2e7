package dev.adjoint.samples;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Stacks;
import dev.adjoint.samples.plot.LossPlot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Runs each sample once: prints its value, its generated gradient and how far that gradient is
 * from central finite differences, then minimizes Rosenbrock by plain gradient descent. Then the
 * array samples: least squares trained by gradient descent and compared with the solution of the
 * normal equations, and Rosenbrock in n dimensions; the notes' derivations; the Iris classifier;
 * Black–Scholes greeks; a Gaussian process fitted by its likelihood; a ridge-regression model
 * written with instance methods; a projectile with drag aimed by Newton's method through 1,000
 * Euler steps. Each sample ends with rough timings and the path of its generated source
 * ({@link SampleTiming}); {@code -Dsample=NAME} runs one sample, {@code -Dsample=list} lists them.
 */
public final class Samples {

  private Samples() {}

  /** A sample the runner can run on its own, by {@code name}. */
  public record Sample(String name, String description, Runnable run) {}

  /** Every sample, in the order a plain run prints them. */
  public static final List<Sample> SAMPLES =
      List.of(
          new Sample("rosenbrock", "Rosenbrock in two variables", Samples::rosenbrock),
          new Sample("logistic", "the README's Logistic example", Samples::logistic),
          new Sample("huber", "asymmetric Huber loss", Samples::huber),
          new Sample("descent", "gradient descent on Rosenbrock", Samples::descend),
          new Sample("least-squares", "least squares, descent vs normal equations",
              Samples::leastSquares),
          new Sample("extended-rosenbrock", "Rosenbrock in six dimensions",
              Samples::extendedRosenbrock),
          new Sample("notes", "the notes' derivations against closed forms", Samples::notes),
          new Sample("iris", "Iris classifier trained by minibatch descent", Samples::iris),
          new Sample("black-scholes", "Black-Scholes greeks", Samples::blackScholes),
          new Sample("gp", "Gaussian process fitted by its likelihood", Samples::gaussianProcess),
          new Sample("ridge", "ridge regression written with instance methods", Samples::ridge),
          new Sample("projectile", "projectile with drag aimed by Newton's method",
              Samples::projectile));

  /**
   * Runs the sample named by the first argument or the system property {@code sample} (all of
   * them when neither is given or the name is {@code all}); {@code list} prints the names.
   */
  public static void main(String[] args) {
    String name = args.length > 0 ? args[0] : System.getProperty("sample", "all");
    if (name.equals("list")) {
      System.out.println(list());
      return;
    }
    List<Sample> chosen = select(name);
    for (int i = 0; i < chosen.size(); i++) {
      if (i > 0) {
        System.out.println();
      }
      chosen.get(i).run().run();
    }
  }

  /**
   * The samples {@code name} selects: all for {@code all} or an empty name, else the one so named.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static List<Sample> select(String name) {
    if (name.isBlank() || name.equals("all")) {
      return SAMPLES;
    }
    for (Sample sample : SAMPLES) {
      if (sample.name().equals(name)) {
        return List.of(sample);
      }
    }
    throw new IllegalArgumentException(
        "unknown sample '" + name + "'; run one of (-Dsample=NAME):\n" + list());
  }

  /** The names and descriptions, one a line, and {@code all}. */
  public static String list() {
    StringBuilder s = new StringBuilder();
    for (Sample sample : SAMPLES) {
      s.append(String.format(Locale.ROOT, "  %-20s %s%n", sample.name(), sample.description()));
    }
    return s.append(String.format(Locale.ROOT, "  %-20s %s", "all", "every sample (default)"))
        .toString();
  }

  private static void rosenbrock() {
    double[] p = {-1.2, 1.0};
    var rosenbrock = RosenbrockAdjoint.rosenbrock(p[0], p[1]);
    report(
        "Rosenbrock at (x, y) = (-1.2, 1)",
        new String[] {"dX", "dY"},
        rosenbrock.value(),
        rosenbrock.gradient(),
        GradientCheck.maxRelativeError(
            v -> Rosenbrock.rosenbrock(v[0], v[1]), p, rosenbrock.gradient()));
    System.out.println(
        SampleTiming.summary(
            Rosenbrock.class,
            () -> RosenbrockAdjoint.rosenbrock(p[0], p[1]).dX(),
            () -> Rosenbrock.rosenbrock(p[0], p[1]),
            () -> GradientCheck.finiteDifferences(v -> Rosenbrock.rosenbrock(v[0], v[1]), p)[0]));
  }

  private static void logistic() {
    // The README's example, verbatim (LogisticTest pins it): differentiated with respect to
    // (w, b); the example (x, t) and lambda are held fixed.
    double x = 1.5;
    double t = 1.0;
    double lambda = 0.1;
    double[] wb = {0.4, -0.3};
    var logistic = LogisticAdjoint.loss(wb[0], wb[1], x, t, lambda);
    report(
        "Logistic least squares at (w, b) = (0.4, -0.3), x = 1.5, t = 1, lambda = 0.1",
        new String[] {"dW", "dB"},
        logistic.value(),
        logistic.gradient(),
        GradientCheck.maxRelativeError(
            v -> Logistic.loss(v[0], v[1], x, t, lambda), wb, logistic.gradient()));
    System.out.println(
        SampleTiming.summary(
            Logistic.class,
            () -> LogisticAdjoint.loss(wb[0], wb[1], x, t, lambda).dW(),
            () -> Logistic.loss(wb[0], wb[1], x, t, lambda),
            () -> GradientCheck.finiteDifferences(
                v -> Logistic.loss(v[0], v[1], x, t, lambda), wb)[0]));
  }

  private static void huber() {
    double[] h = {2.0, 3.5, 1.0, 4.0};
    var huber = PiecewiseAdjoint.asymmetricHuber(h[0], h[1], h[2], h[3]);
    report(
        "Asymmetric Huber at (prediction, target, delta, under) = (2, 3.5, 1, 4)",
        new String[] {"dPrediction", "dTarget", "dDelta", "dUnder"},
        huber.value(),
        huber.gradient(),
        GradientCheck.maxRelativeError(
            v -> Piecewise.asymmetricHuber(v[0], v[1], v[2], v[3]), h, huber.gradient()));
    System.out.println(
        SampleTiming.summary(
            Piecewise.class,
            () -> PiecewiseAdjoint.asymmetricHuber(h[0], h[1], h[2], h[3]).gradient()[0],
            () -> Piecewise.asymmetricHuber(h[0], h[1], h[2], h[3]),
            () -> GradientCheck.finiteDifferences(
                v -> Piecewise.asymmetricHuber(v[0], v[1], v[2], v[3]), h)[0]));
  }

  private static void notes() {
    System.out.println("From the notes: generated gradients against the notes' closed forms");
    dev.adjoint.samples.notes.NotesSamples.runAll().forEach(line -> System.out.println("  " + line));
    System.out.println(
        "  source    samples/target/generated-sources/annotations/dev/adjoint/samples/notes/"
            + "<Class>Adjoint.java (one per note)");
  }

  private static void iris() {
    var result = dev.adjoint.samples.iris.IrisClassifier.run(System.out::println);
    System.out.println(LossPlot.linear("Iris classifier: Adam on mini-batches of 10", "epoch",
        "mean training loss", 1, result.epochLosses())
        .writeAndName("iris-loss"));
    var trained = result.parameters();
    // Timed on all 150 flowers, standardized, at the trained weights: one call covers the batch.
    var all = dev.adjoint.samples.iris.IrisData.load();
    var data = dev.adjoint.samples.iris.IrisData.Standardizer.of(all).apply(all);
    var grad = dev.adjoint.samples.iris.IrisClassifier_MlpBar.zerosLike(trained);
    int hidden = dev.adjoint.samples.iris.IrisClassifier.HIDDEN;
    System.out.println(
        SampleTiming.summary(
            dev.adjoint.samples.iris.IrisClassifier.class,
            () -> dev.adjoint.samples.iris.IrisClassifierAdjoint.batchLossPullback(
                trained, data.features(), data.labels(), 0, data.size(), 1.0, grad),
            () -> dev.adjoint.samples.iris.IrisClassifier.meanLoss(trained, data),
            () -> GradientCheck.finiteDifferences(
                v -> dev.adjoint.samples.iris.IrisClassifier.meanLoss(
                    dev.adjoint.samples.iris.IrisClassifier.Mlp.unflatten(v, hidden), data),
                trained.flatten())[0]));
  }

  private static void blackScholes() {
    dev.adjoint.samples.finance.BlackScholes.run(System.out::println);
    double[] p = {100, 0.75, 0.03, 0.25}; // spot, maturity, rate, volatility; strike 95
    System.out.println(
        SampleTiming.summary(
            dev.adjoint.samples.finance.BlackScholes.class,
            () -> dev.adjoint.samples.finance.BlackScholesAdjoint
                .callPrice(p[0], 95, p[1], p[2], p[3]).dSpot(),
            () -> dev.adjoint.samples.finance.BlackScholes.callPrice(p[0], 95, p[1], p[2], p[3]),
            () -> GradientCheck.finiteDifferences(
                v -> dev.adjoint.samples.finance.BlackScholes.callPrice(v[0], 95, v[1], v[2], v[3]),
                p)[0]));
  }

  private static void gaussianProcess() {
    dev.adjoint.samples.gp.GaussianProcess.run(System.out::println);
    double[][] xy = dev.adjoint.samples.gp.GaussianProcess.data(40, 3);
    double[] theta = {0, 0, -1};
    System.out.println(
        SampleTiming.summary(
            dev.adjoint.samples.gp.GaussianProcess.class,
            () -> dev.adjoint.samples.gp.GaussianProcessAdjoint
                .negLogLikelihood(xy[0], xy[1], theta[0], theta[1], theta[2]).dLogNoise(),
            () -> dev.adjoint.samples.gp.GaussianProcess
                .negLogLikelihood(xy[0], xy[1], theta[0], theta[1], theta[2]),
            () -> GradientCheck.finiteDifferences(
                v -> dev.adjoint.samples.gp.GaussianProcess
                    .negLogLikelihood(xy[0], xy[1], v[0], v[1], v[2]), theta)[0]));
  }

  private static void ridge() {
    dev.adjoint.samples.model.RidgeModel.run(System.out::println);
  }

  private static void projectile() {
    dev.adjoint.samples.physics.Projectile.run(System.out::println);
    double[] p = {20, 0.6};
    System.out.println(
        SampleTiming.summary(
            dev.adjoint.samples.physics.Projectile.class,
            () -> dev.adjoint.samples.physics.ProjectileAdjoint
                .miss(p[0], p[1], 0.02, 0.002, 1000, 25, 5).dSpeed(),
            () -> dev.adjoint.samples.physics.Projectile.miss(p[0], p[1], 0.02, 0.002, 1000, 25, 5),
            () -> GradientCheck.finiteDifferences(
                v -> dev.adjoint.samples.physics.Projectile
                    .miss(v[0], v[1], 0.02, 0.002, 1000, 25, 5), p)[0]));
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
    System.out.println(
        SampleTiming.summary(
            LeastSquares.class,
            () -> LeastSquaresAdjoint.sumOfSquares(X, y, w).dW()[0],
            () -> LeastSquares.sumOfSquares(X, y, w),
            () -> GradientCheck.finiteDifferences(v -> LeastSquares.sumOfSquares(X, y, v), w)[0]));
    System.out.println();

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
    double[] losses = new double[steps];
    System.out.println("  start  loss = " + num(LeastSquares.sumOfSquares(X, y, w)));
    long started = System.nanoTime();
    for (int step = 0; step < steps; step++) {
      Arrays.fill(wBar, 0.0); // the pullback adds into wBar
      losses[step] = LeastSquaresAdjoint.sumOfSquaresPullback(X, y, w, 1.0, wBar, stacks);
      for (int j = 0; j < n; j++) {
        w[j] -= learningRate * wBar[j];
      }
    }
    double[] exact = LeastSquares.normalEquations(X, y);
    double maxDifference = 0;
    for (int j = 0; j < n; j++) {
      maxDifference = Math.max(maxDifference, Math.abs(w[j] - exact[j]));
    }
    String elapsed = SampleTiming.elapsed(started);
    System.out.println("  end    loss = " + num(LeastSquares.sumOfSquares(X, y, w))
        + "  (" + steps + " steps in " + elapsed + ")");
    System.out.println("  descent      w = " + vector(w));
    System.out.println(
        "  closed form  w = " + vector(exact) + "  (normal equations X^T X w = X^T y)");
    System.out.printf(
        Locale.ROOT,
        "  max |w_descent - w_closed_form| = %.1e, loss at closed form = %s%n",
        maxDifference,
        num(LeastSquares.sumOfSquares(X, y, exact)));
    System.out.println(LossPlot.logarithmic("Least squares: gradient descent", "step",
        "||y - X w||^2", 0, losses).writeAndName("least-squares-loss"));
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
    System.out.println(
        SampleTiming.summary(
            ExtendedRosenbrock.class,
            () -> ExtendedRosenbrockAdjoint.rosenbrock(x).dX()[0],
            () -> ExtendedRosenbrock.rosenbrock(x),
            () -> GradientCheck.finiteDifferences(ExtendedRosenbrock::rosenbrock, x)[0]));
    System.out.println();

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
    double[] values = new double[steps];
    long started = System.nanoTime();
    for (int step = 0; step < steps; step++) {
      Arrays.fill(xBar, 0.0);
      values[step] = ExtendedRosenbrockAdjoint.rosenbrockPullback(x, 1.0, xBar);
      for (int i = 0; i < n; i++) {
        x[i] -= learningRate * xBar[i];
      }
    }
    String elapsed = SampleTiming.elapsed(started);
    System.out.println("  end    f = " + num(ExtendedRosenbrock.rosenbrock(x))
        + "  (" + steps + " steps in " + elapsed + ")");
    System.out.println("         x = " + vector(x));
    System.out.println(LossPlot.logarithmic("Rosenbrock in " + n + " dimensions: gradient descent",
        "step", "f(x)", 0, values).writeAndName("extended-rosenbrock-loss"));
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
    double[] values = new double[steps];
    long started = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      Arrays.fill(grad, 0.0); // the pullback adds into grad
      values[i] = RosenbrockAdjoint.rosenbrockPullback(x, y, 1.0, grad);
      x -= learningRate * grad[0];
      y -= learningRate * grad[1];
    }
    String elapsed = SampleTiming.elapsed(started);
    printPoint("end", x, y);
    System.out.println("  " + steps + " steps in " + elapsed);
    System.out.println(LossPlot.logarithmic("Rosenbrock: gradient descent from (-1.2, 1)", "step",
        "f(x, y)", 0, values).writeAndName("descent-loss"));
    double[] xy = {-1.2, 1.0};
    double[] xyBar = new double[2];
    System.out.println(
        SampleTiming.summary(
            Rosenbrock.class,
            () -> RosenbrockAdjoint.rosenbrockPullback(xy[0], xy[1], 1.0, xyBar),
            () -> Rosenbrock.rosenbrock(xy[0], xy[1]),
            () -> GradientCheck.finiteDifferences(v -> Rosenbrock.rosenbrock(v[0], v[1]), xy)[0]));
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
        Locale.ROOT, "  check     max relative error vs finite differences: %.1e%n", error);
  }

  /** {@code v} to 8 significant digits, without trailing zeros. */
  private static String num(double v) {
    BigDecimal d = new BigDecimal(v).round(new MathContext(8)).stripTrailingZeros();
    return d.scale() < 0 ? d.toPlainString() : d.toString();
  }
}
