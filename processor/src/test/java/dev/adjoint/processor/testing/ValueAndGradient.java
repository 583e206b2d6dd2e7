package dev.adjoint.processor.testing;

import java.util.Arrays;
import java.util.List;

/**
 * What the generated {@code f(...)} returned, read back from its record.
 *
 * @param value the record's {@code value} component
 * @param gradient what the record's {@code gradient()} returned
 * @param componentNames the record's component names after {@code value}, e.g. {@code [dX, dY]}
 * @param components the values of those components, in record order
 * @param record the record itself
 */
public record ValueAndGradient(
    double value,
    double[] gradient,
    List<String> componentNames,
    double[] components,
    Object record) {

  @Override
  public String toString() {
    return "value=" + value + ", gradient()=" + Arrays.toString(gradient) + ", components="
        + componentNames + "=" + Arrays.toString(components);
  }
}
