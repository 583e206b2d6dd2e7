package dev.adjoint.benchmarks.gradbench;

import dev.adjoint.gradbench.lstm.Lstm;
import dev.adjoint.gradbench.lstm.LstmAdjoint;
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
 * GradBench's lstm: {@code l} layers of a diagonal LSTM over {@code c} characters of b = 14
 * symbols (ADBench's sizes); primal, generated pullback on reused stacks, hand-written
 * backpropagation through time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LstmBenchmark {
  static final int SYMBOLS = 14;

  /** Layers × characters. */
  @Param({"2x1024", "4x1024"})
  String lc;

  double[][] main;
  double[][] extra;
  double[][] state;
  double[][] sequence;
  double[][] mainBar;
  double[][] extraBar;
  Stacks stacks = new Stacks();
  LstmHandWritten.Scratch scratch;

  @Setup
  public void setUp() {
    int layers = Integer.parseInt(lc.split("x")[0]);
    int c = Integer.parseInt(lc.split("x")[1]);
    Random random = new Random(7);
    main = normal(random, 2 * layers, 4 * SYMBOLS);
    extra = normal(random, 3, SYMBOLS);
    state = normal(random, 2 * layers, SYMBOLS);
    sequence = new double[c][SYMBOLS];
    for (double[] row : sequence) {
      row[random.nextInt(SYMBOLS)] = 1; // one-hot characters
    }
    mainBar = new double[2 * layers][4 * SYMBOLS];
    extraBar = new double[3][SYMBOLS];
    scratch = LstmHandWritten.Scratch.of(layers, SYMBOLS, c);
  }

  private static double[][] normal(Random random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int j = 0; j < cols; j++) {
        row[j] = 0.5 * random.nextGaussian();
      }
    }
    return out;
  }

  @Benchmark
  public double primal() {
    return Lstm.objective(main, extra, state, sequence);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    bh.consume(gradient(stacks));
  }

  /** One generated gradient on {@code s} (the benchmark's call, for the warm-up probe). */
  public double gradient(Stacks s) {
    return LstmAdjoint.objectivePullback(main, extra, state, sequence, 1.0, mainBar, extraBar,
        s);
  }

  /** The state of the benchmark at {@code lc}, set up. */
  public static LstmBenchmark of(String lc) {
    LstmBenchmark b = new LstmBenchmark();
    b.lc = lc;
    b.setUp();
    return b;
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    bh.consume(LstmHandWritten.gradient(main, extra, state, sequence, mainBar, extraBar,
        scratch));
  }
}
