package dev.adjoint.gradbench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How often to run a function: at least {@code minRuns} times and until the runs took
 * {@code minSeconds} in total, whichever is longer (GradBench's {@code Runs}). An input
 * without these fields is run once.
 */
public record Runs(int minRuns, double minSeconds) {
  public static final Runs ONCE = new Runs(1, 0);

  /** The {@code min_runs} and {@code min_seconds} of an evaluate message's input. */
  public static Runs of(JsonNode input) {
    if (input == null || !input.isObject()) {
      return ONCE;
    }
    JsonNode runs = input.get("min_runs");
    JsonNode seconds = input.get("min_seconds");
    if (runs != null && !runs.isNumber() || seconds != null && !seconds.isNumber()) {
      throw new IllegalArgumentException("min_runs and min_seconds must be numbers");
    }
    return new Runs(runs == null ? 1 : runs.asInt(), seconds == null ? 0 : seconds.asDouble());
  }
}
