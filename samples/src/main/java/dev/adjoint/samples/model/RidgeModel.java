package dev.adjoint.samples.model;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.LinearAlgebra;
import dev.adjoint.samples.SampleTiming;
import dev.adjoint.samples.plot.LossPlot;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.stream.DoubleStream;

/**
 * A model written the way Java code usually is: the data and the hyper-parameter are fields, the
 * loss and its per-example residual are instance methods. The generated {@code
 * RidgeModelAdjoint.lossPullback(model, w, seed, wBar)} takes the receiver first; the fields are
 * read as data (no adjoint), and {@code residual} is called through its own pullback.
 */
public final class RidgeModel {
  final double[][] features;
  final double[] targets;
  final double lambda;

  public RidgeModel(double[][] features, double[] targets, double lambda) {
    this.features = features;
    this.targets = targets;
    this.lambda = lambda;
  }

  /** {@code xᵢ·w − yᵢ}. */
  @Differentiable
  double residual(double[] w, int i) {
    double r = -targets[i];
    for (int j = 0; j < w.length; j++) {
      r += features[i][j] * w[j];
    }
    return r;
  }

  /** {@code (1/2n) Σ rᵢ² + (λ/2) |w|²}. */
  @Differentiable
  public double loss(double[] w) {
    double sum = 0;
    for (int i = 0; i < targets.length; i++) {
      double r = residual(w, i);
      sum += r * r;
    }
    return 0.5 * sum / targets.length + 0.5 * lambda * LinearAlgebra.dot(w, w);
  }

  /** The minimizer in closed form: {@code (XᵀX/n + λI) w = Xᵀy/n}. */
  double[] closedForm() {
    int n = targets.length;
    int d = features[0].length;
    double[][] gram = LinearAlgebra.scaleMatrix(1.0 / n,
        LinearAlgebra.matMul(LinearAlgebra.transpose(features), features));
    for (int j = 0; j < d; j++) {
      gram[j][j] += lambda;
    }
    return LinearAlgebra.solveSpd(gram, LinearAlgebra.scale(1.0 / n,
        LinearAlgebra.vecMat(targets, features)));
  }

  /** A model on {@code n} seeded Gaussian examples with {@code y = X·(1, −2, 0.5, 3) + noise}. */
  static RidgeModel synthetic(int n, double lambda, long seed) {
    double[] truth = {1, -2, 0.5, 3};
    Random random = new Random(seed);
    double[][] x = new double[n][truth.length];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < truth.length; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = LinearAlgebra.dot(x[i], truth) + 0.1 * random.nextGaussian();
    }
    return new RidgeModel(x, y, lambda);
  }

  /** Gradient descent from 0 with the pullback into one reused buffer. */
  double[] train(int steps, double learningRate) {
    return train(steps, learningRate, loss -> { });
  }

  /**
   * {@link #train(int, double)}, passing each step's loss (the pullback's value) to {@code
   * losses}.
   */
  double[] train(int steps, double learningRate, DoubleConsumer losses) {
    double[] w = new double[features[0].length];
    double[] wBar = new double[w.length];
    for (int step = 0; step < steps; step++) {
      Arrays.fill(wBar, 0);
      losses.accept(RidgeModelAdjoint.lossPullback(this, w, 1.0, wBar));
      for (int j = 0; j < w.length; j++) {
        w[j] -= learningRate * wBar[j];
      }
    }
    return w;
  }

  public static void run(Consumer<String> out) {
    RidgeModel model = synthetic(200, 0.01, 17);
    DoubleStream.Builder curve = DoubleStream.builder();
    long start = System.nanoTime();
    double[] w = model.train(300, 0.5, curve);
    String elapsed = SampleTiming.elapsed(start);
    double[] exact = model.closedForm();
    double worst = 0;
    for (int j = 0; j < w.length; j++) {
      worst = Math.max(worst, Math.abs(w[j] - exact[j]));
    }
    out.accept("Ridge regression as an instance-method model (200 examples, lambda 0.01),"
        + " 300 gradient steps from 0 in " + elapsed + ":");
    out.accept(String.format(Locale.ROOT, "  loss %.6f, w = %s", model.loss(w),
        format(w)));
    out.accept(String.format(Locale.ROOT, "  closed form w = %s, max |difference| %.1e",
        format(exact), worst));
    out.accept(LossPlot.logarithmic("Ridge regression: gradient descent", "step", "loss", 0,
        curve.build().toArray()).writeAndName("ridge-loss"));
    out.accept(SampleTiming.summary(RidgeModel.class,
        () -> RidgeModelAdjoint.loss(model, w).dW()[0], () -> model.loss(w),
        () -> GradientCheck.finiteDifferences(model::loss, w)[0]));
  }

  private static String format(double[] v) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v[i]));
    }
    return s.append(")").toString();
  }
}
