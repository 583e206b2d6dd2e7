package dev.adjoint.gradbench;

/**
 * One function at one input. The tool times each {@link #run()} separately (GradBench wants
 * one timing per run) and then asks for the {@link #output()} of the last run.
 */
public interface Evaluation {
  /** Evaluates the function once; what GradBench times. */
  void run();

  /** The result of the last run, as Jackson serializes it (a number, array or record). */
  Object output();
}
