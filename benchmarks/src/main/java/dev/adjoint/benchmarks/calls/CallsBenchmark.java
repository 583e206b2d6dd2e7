package dev.adjoint.benchmarks.calls;

import dev.adjoint.runtime.Stacks;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Gradients through calls: recursion at depths 100, 1,000 and 4,000 (gradient ÷ primal should
 * not grow with depth), and logistic regression (m = 1000, d = 100) through a sigmoid helper,
 * with reused stacks and through the record call, which allocates its own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xss16m")
public class CallsBenchmark {

  /** Recursion at a depth. */
  @State(Scope.Thread)
  public static class Recursion {
    @Param({"100", "1000", "4000"})
    int depth;
    double x = 0.3;
    double[] grad = new double[1];
    Stacks stacks = new Stacks();
  }

  /** Logistic regression data, m = 1000, d = 100. */
  @State(Scope.Thread)
  public static class Logistic {
    double[] w = new double[100];
    double[][] x = new double[1000][100];
    double[] y = new double[1000];
    double[] wBar = new double[100];
    Stacks stacks = new Stacks();

    @Setup
    public void setUp() {
      Random r = new Random(3);
      for (int j = 0; j < w.length; j++) {
        w[j] = 0.1 * r.nextGaussian();
      }
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < w.length; j++) {
          x[i][j] = r.nextGaussian();
        }
        y[i] = r.nextBoolean() ? 1 : 0;
      }
    }
  }

  @Benchmark
  public double recursionPrimal(Recursion s) {
    return CallFunctions.recurse(s.x, s.depth);
  }

  @Benchmark
  public double recursionGradient(Recursion s) {
    s.grad[0] = 0;
    return CallFunctionsAdjoint.recursePullback(s.x, s.depth, 1.0, s.grad) + s.grad[0];
  }

  @Benchmark
  public double logisticPrimal(Logistic s) {
    return CallFunctions.logisticLoss(s.w, s.x, s.y);
  }

  @Benchmark
  public void logisticPullback(Logistic s, Blackhole bh) {
    java.util.Arrays.fill(s.wBar, 0);
    bh.consume(CallFunctionsAdjoint.logisticLossPullback(s.w, s.x, s.y, 1.0, s.wBar, s.stacks));
    bh.consume(s.wBar);
  }

  @Benchmark
  public Object logisticRecord(Logistic s) {
    return CallFunctionsAdjoint.logisticLoss(s.w, s.x, s.y);
  }
}
