package dev.adjoint.gradbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an eval's input into a record, and checks its shape; a bad input is an IAE. */
public final class Inputs {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
      .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES, true)
      .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

  private Inputs() {
  }

  /** {@code input} as a {@code type} (a record naming the fields it needs). */
  public static <T> T read(JsonNode input, Class<T> type) {
    try {
      return MAPPER.treeToValue(input, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** Throws the IAE {@code message} unless {@code condition}. */
  public static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Throws unless {@code matrix} has at least one row and all rows the same length. */
  public static void requireRectangular(double[][] matrix, String name) {
    require(matrix.length > 0, name + " has no rows");
    for (double[] row : matrix) {
      require(row != null && row.length == matrix[0].length,
          name + " has rows of different lengths");
    }
  }
}
