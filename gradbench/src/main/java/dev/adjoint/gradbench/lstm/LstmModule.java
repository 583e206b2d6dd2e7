package dev.adjoint.gradbench.lstm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Module;
import dev.adjoint.runtime.Stacks;
import java.util.Arrays;

/**
 * GradBench's {@code lstm}: {@code objective} is the loss, {@code jacobian} its gradient with
 * respect to {@code main_params} then {@code extra_params}, each flattened row by row.
 */
public final class LstmModule implements Module {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The eval's input; the {@code Runs} fields are the protocol's business. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Input(
      @JsonProperty("main_params") double[][] mainParams,
      @JsonProperty("extra_params") double[][] extraParams,
      @JsonProperty("state") double[][] state,
      @JsonProperty("sequence") double[][] sequence) {
    Input {
      if (mainParams == null || extraParams == null || state == null || sequence == null) {
        throw new IllegalArgumentException(
            "lstm input needs main_params, extra_params, state and sequence");
      }
      int layers = mainParams.length / 2;
      if (layers == 0 || mainParams.length != 2 * layers || mainParams[0].length % 4 != 0) {
        throw new IllegalArgumentException("main_params must be 2l rows of 4b entries");
      }
      int b = mainParams[0].length / 4;
      requireShape("main_params", mainParams, 2 * layers, 4 * b);
      requireShape("extra_params", extraParams, 3, b);
      requireShape("state", state, 2 * layers, b);
      requireShape("sequence", sequence, sequence.length, b);
      if (sequence.length < 2) {
        throw new IllegalArgumentException("sequence needs at least two entries");
      }
    }
  }

  static void requireShape(String name, double[][] m, int rows, int columns) {
    if (m.length != rows) {
      throw new IllegalArgumentException(name + " must have " + rows + " rows");
    }
    for (double[] row : m) {
      if (row == null || row.length != columns) {
        throw new IllegalArgumentException(name + " rows must have " + columns + " entries");
      }
    }
  }

  @Override
  public Evaluation prepare(String function, JsonNode input) {
    return switch (function) {
      case "objective" -> objective(read(input));
      case "jacobian" -> jacobian(read(input));
      default -> null;
    };
  }

  static Input read(JsonNode input) {
    try {
      return JSON.treeToValue(input, Input.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed lstm input: " + e.getMessage(), e);
    }
  }

  private static Evaluation objective(Input in) {
    return new Evaluation() {
      private double loss;

      @Override
      public void run() {
        loss = Lstm.objective(in.mainParams(), in.extraParams(), in.state(), in.sequence());
      }

      @Override
      public Object output() {
        return loss;
      }
    };
  }

  private static Evaluation jacobian(Input in) {
    double[][] mainBar = new double[in.mainParams().length][in.mainParams()[0].length];
    double[][] extraBar = new double[in.extraParams().length][in.extraParams()[0].length];
    Stacks stacks = new Stacks();
    return new Evaluation() {
      @Override
      public void run() {
        for (double[] row : mainBar) {
          Arrays.fill(row, 0);
        }
        for (double[] row : extraBar) {
          Arrays.fill(row, 0);
        }
        LstmAdjoint.objectivePullback(in.mainParams(), in.extraParams(), in.state(),
            in.sequence(), 1.0, mainBar, extraBar, stacks);
      }

      @Override
      public Object output() {
        return flatten(mainBar, extraBar);
      }
    };
  }

  /** The rows of {@code a} then those of {@code b}, one after another. */
  static double[] flatten(double[][] a, double[][] b) {
    int size = 0;
    for (double[] row : a) {
      size += row.length;
    }
    for (double[] row : b) {
      size += row.length;
    }
    double[] flat = new double[size];
    int k = 0;
    for (double[][] m : new double[][][] {a, b}) {
      for (double[] row : m) {
        System.arraycopy(row, 0, flat, k, row.length);
        k += row.length;
      }
    }
    return flat;
  }
}
