package dev.adjoint.samples.gp;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import dev.adjoint.samples.SampleTiming;
import dev.adjoint.samples.plot.LossPlot;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.stream.DoubleStream;

/**
 * Fitting the hyper-parameters of a Gaussian process (squared-exponential kernel plus noise) by
 * gradient descent on the negative log marginal likelihood
 * {@code ½ yᵀK⁻¹y + ½ log det K + (n/2) log 2π}.
 *
 * <p>The covariance is built element by element; its solve and log-determinant are written
 * with the SPD kernels, and the generated code factors {@code K} once ({@code KChol =
 * cholesky(K)}) for both. The parameters are logarithms, so every step stays positive.
 */
public final class GaussianProcess {
  private GaussianProcess() {}

  @Differentiable(wrt = {"logLength", "logSignal", "logNoise"})
  public static double negLogLikelihood(
      double[] x, double[] y, double logLength, double logSignal, double logNoise) {
    int n = x.length;
    double length = Math.exp(logLength);
    double signal = Math.exp(2 * logSignal);
    double noise = Math.exp(2 * logNoise);
    double[][] K = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = (x[i] - x[j]) / length;
        K[i][j] = signal * Math.exp(-0.5 * d * d);
      }
      K[i][i] += noise;
    }
    double[] alpha = LinearAlgebra.solveSpd(K, y);
    return 0.5 * LinearAlgebra.dot(y, alpha) + 0.5 * LinearAlgebra.logDetSpd(K)
        + 0.5 * n * Math.log(2 * Math.PI);
  }

  /** {@code n} points on [0, 10] of {@code sin(x)} plus Gaussian noise of deviation 0.1. */
  public static double[][] data(int n, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 10.0 * i / (n - 1);
      y[i] = Math.sin(x[i]) + 0.1 * random.nextGaussian();
    }
    return new double[][] {x, y};
  }

  /** Gradient descent from (length, signal, noise) = (3, 0.5, 0.5); returns the fitted logs. */
  public static double[] fit(double[] x, double[] y, int steps, double learningRate,
      Consumer<String> progress) {
    return fit(x, y, steps, learningRate, progress, nll -> { });
  }

  /**
   * {@link #fit(double[], double[], int, double, Consumer)}, also passing the negative log
   * likelihood at each step's start (the pullback's value; {@code steps + 1} of them) to {@code
   * losses}.
   */
  public static double[] fit(double[] x, double[] y, int steps, double learningRate,
      Consumer<String> progress, DoubleConsumer losses) {
    long start = System.nanoTime();
    double[] theta = {Math.log(3), Math.log(0.5), Math.log(0.5)};
    double[] grad = new double[3];
    for (int step = 0; step <= steps; step++) {
      java.util.Arrays.fill(grad, 0);
      double nll = GaussianProcessAdjoint.negLogLikelihoodPullback(
          x, y, theta[0], theta[1], theta[2], 1.0, grad);
      losses.accept(nll);
      if (step % (steps / 4) == 0) {
        progress.accept(String.format(Locale.ROOT, "  step %4d  nll %9.4f  length %.4f  signal"
            + " %.4f  noise %.4f  %s", step, nll, Math.exp(theta[0]), Math.exp(theta[1]),
            Math.exp(theta[2]), SampleTiming.elapsed(start)));
      }
      for (int k = 0; k < 3; k++) {
        theta[k] -= learningRate * grad[k];
      }
    }
    return theta;
  }

  public static void run(Consumer<String> out) {
    double[][] xy = data(40, 3);
    out.accept("Gaussian process on 40 noisy samples of sin(x): hyper-parameters by gradient"
        + " descent on the negative log likelihood (one Cholesky factorization per step)");
    DoubleStream.Builder curve = DoubleStream.builder();
    double[] theta = fit(xy[0], xy[1], 400, 0.01, out, curve);
    out.accept(String.format(Locale.ROOT, "  fitted noise deviation %.4f (the data's: 0.1)",
        Math.exp(theta[2])));
    out.accept(LossPlot.linear("Gaussian process: hyper-parameters by gradient descent",
        "step", "negative log likelihood", 0, curve.build().toArray()).writeAndName("gp-loss"));
  }
}
