package dev.adjoint.benchmarks.loops;

import dev.adjoint.benchmarks.kernels.KernelData;
import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * An MLP loss over 256 rows ({@code 20 → 32 tanh → 5}), parameters in a record against the
 * same parameters as four arrays: the primal and both generated pullbacks (own stacks, adjoint
 * storage zeroed each call). The record's pullback should cost what the flat one does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordMlpBenchmark {

  static final int ROWS = 256;
  static final int FEATURES = 20;
  static final int HIDDEN = 32;
  static final int CLASSES = 5;

  RecordFunctions.Mlp p;
  double[][] x;
  int[] y;
  RecordFunctions_MlpBar pBar;
  double[][] w1Bar;
  double[] b1Bar;
  double[][] w2Bar;
  double[] b2Bar;
  Stacks stacks = new Stacks();

  @Setup
  public void setUp() {
    Random random = new Random(11);
    p = new RecordFunctions.Mlp(KernelData.matrix(HIDDEN, FEATURES, 0.2, random),
        KernelData.vector(HIDDEN, 0.1, random), KernelData.matrix(CLASSES, HIDDEN, 0.2, random),
        KernelData.vector(CLASSES, 0.1, random));
    x = KernelData.matrix(ROWS, FEATURES, 1.0, random);
    y = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      y[i] = random.nextInt(CLASSES);
    }
    pBar = RecordFunctions_MlpBar.zerosLike(p);
    w1Bar = new double[HIDDEN][FEATURES];
    b1Bar = new double[HIDDEN];
    w2Bar = new double[CLASSES][HIDDEN];
    b2Bar = new double[CLASSES];
  }

  @Benchmark
  public double primal() {
    return RecordFunctions.mlpLoss(p, x, y);
  }

  @Benchmark
  public void generatedRecord(Blackhole bh) {
    pBar.zero();
    bh.consume(RecordFunctionsAdjoint.mlpLossPullback(p, x, y, 1.0, pBar, stacks));
    bh.consume(pBar);
  }

  @Benchmark
  public void generatedFlat(Blackhole bh) {
    KernelData.clear(w1Bar);
    Arrays.fill(b1Bar, 0);
    KernelData.clear(w2Bar);
    Arrays.fill(b2Bar, 0);
    bh.consume(RecordFunctionsAdjoint.mlpLossFlatPullback(p.w1(), p.b1(), p.w2(), p.b2(), x, y,
        1.0, w1Bar, b1Bar, w2Bar, b2Bar, stacks));
    bh.consume(w1Bar);
  }
}
