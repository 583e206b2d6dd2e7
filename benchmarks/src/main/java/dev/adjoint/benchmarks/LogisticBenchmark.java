package dev.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Logistic least squares with L2: the primal, the generated adjoints and a hand-written one. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogisticBenchmark {

  // Non-final fields, so the JIT cannot fold the inputs into constants.
  double w = 0.4;
  double b = -0.3;
  double x = 1.5;
  double t = 1.0;
  double lambda = 0.1;
  double[] grad = new double[2];

  @Benchmark
  public double primal() {
    return Functions.logisticLeastSquares(w, b, x, t, lambda);
  }

  @Benchmark
  public void generated(Blackhole bh) {
    grad[0] = 0;
    grad[1] = 0;
    bh.consume(FunctionsAdjoint.logisticLeastSquaresPullback(w, b, x, t, lambda, 1.0, grad));
    bh.consume(grad[0]);
    bh.consume(grad[1]);
  }

  @Benchmark
  public void generatedRecord(Blackhole bh) {
    // Consuming the record itself makes it escape, so its allocation is part of the measurement.
    bh.consume(FunctionsAdjoint.logisticLeastSquares(w, b, x, t, lambda));
  }

  @Benchmark
  public void handWritten(Blackhole bh) {
    grad[0] = 0;
    grad[1] = 0;
    bh.consume(HandWritten.logisticLeastSquaresPullback(w, b, x, t, lambda, 1.0, grad));
    bh.consume(grad[0]);
    bh.consume(grad[1]);
  }
}
