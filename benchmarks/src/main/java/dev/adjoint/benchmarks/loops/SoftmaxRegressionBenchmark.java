package dev.adjoint.benchmarks.loops;

import dev.adjoint.benchmarks.kernels.KernelData;
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
 * Softmax regression over {@code m} rows of {@code d = 20} features and {@code K = 5} classes,
 * {@code softmax(matVec(W, x[i]))} per row: the primal, the generated pullback (with fresh and
 * with reused stacks) and the fused hand-written adjoint. Both gradient benchmarks re-zero
 * {@code W̄} on every call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SoftmaxRegressionBenchmark {

  static final int FEATURES = 20;
  static final int CLASSES = 5;

  @Param({"100", "1000"})
  int m;

  double[][] W;
  double[][] x;
  int[] y;
  double[][] WBar;
  double[] scratch;
  Stacks stacks;

  @Setup
  public void setUp() {
    Random random = new Random(7);
    W = KernelData.matrix(CLASSES, FEATURES, 0.3, random);
    x = KernelData.matrix(m, FEATURES, 1.0, random);
    y = new int[m];
    for (int i = 0; i < m; i++) {
      y[i] = random.nextInt(CLASSES);
    }
    WBar = new double[CLASSES][FEATURES];
    scratch = new double[CLASSES];
    stacks = new Stacks();
  }

  @Benchmark
  public double primal() {
    return LoopFunctions.softmaxRegression(W, x, y);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    KernelData.clear(WBar);
    bh.consume(LoopFunctionsAdjoint.softmaxRegressionPullback(W, x, y, 1.0, WBar));
    bh.consume(WBar);
  }

  @Benchmark
  public void generatedOwnStacks(Blackhole bh) {
    KernelData.clear(WBar);
    bh.consume(LoopFunctionsAdjoint.softmaxRegressionPullback(W, x, y, 1.0, WBar, stacks));
    bh.consume(WBar);
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    KernelData.clear(WBar);
    bh.consume(LoopHandWritten.softmaxRegressionPullback(W, x, y, 1.0, WBar, scratch));
    bh.consume(WBar);
  }
}
