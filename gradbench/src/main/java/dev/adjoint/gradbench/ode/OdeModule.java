package dev.adjoint.gradbench.ode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Module;
import dev.adjoint.runtime.Stacks;
import java.util.Arrays;

/** GradBench's {@code ode}: {@code primal} is y(2), {@code gradient} is ∇ of its last element. */
public final class OdeModule implements Module {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The eval's input; the {@code Runs} fields are the protocol's business. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Input(double[] x, Integer s) {
    Input {
      if (x == null || x.length == 0 || s == null || s < 1) {
        throw new IllegalArgumentException("ode input needs a non-empty x and s >= 1");
      }
    }
  }

  @Override
  public Evaluation prepare(String function, JsonNode input) {
    return switch (function) {
      case "primal" -> primal(read(input));
      case "gradient" -> gradient(read(input));
      default -> null;
    };
  }

  static Input read(JsonNode input) {
    try {
      return JSON.treeToValue(input, Input.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed ode input: " + e.getMessage(), e);
    }
  }

  private static Evaluation primal(Input in) {
    return new Evaluation() {
      private double[] y;

      @Override
      public void run() {
        y = Ode.primal(in.x(), in.s());
      }

      @Override
      public Object output() {
        return y;
      }
    };
  }

  /** The gradient of y(2)'s last element: the pullback seeded with that element's one-hot. */
  private static Evaluation gradient(Input in) {
    int n = in.x().length;
    double[] seed = new double[n];
    seed[n - 1] = 1;
    double[] xBar = new double[n];
    Stacks stacks = new Stacks();
    return new Evaluation() {
      @Override
      public void run() {
        Arrays.fill(xBar, 0);
        OdeAdjoint.primalPullback(in.x(), in.s(), seed, xBar, stacks);
      }

      @Override
      public Object output() {
        return xBar;
      }
    };
  }
}
