package dev.adjoint.gradbench.kmeans;

import static dev.adjoint.gradbench.ExpectedOutputs.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.ExpectedOutputs;

/** kmeans's expected outputs, from the hand-written reference. */
public final class Expected implements ExpectedOutputs {
  @Override
  public Object output(String function, JsonNode in) {
    return switch (function) {
      case "cost" -> KMeansReference.cost(matrix(in, "points"), matrix(in, "centroids"));
      case "dir" -> KMeansReference.dir(matrix(in, "points"), matrix(in, "centroids"));
      default -> throw new IllegalArgumentException("no reference for kmeans." + function);
    };
  }

  @Override
  public String primalOf(String function) {
    return null;
  }

  @Override
  public String[] independents() {
    return new String[] {"centroids"};
  }
}
