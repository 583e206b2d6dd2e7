package dev.adjoint.gradbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs one module function on an input once, as the protocol would, for the evals' tests. */
public final class EvalRunner {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private EvalRunner() {
  }

  /** The output of {@code module.function} at {@code input}, as the JSON the tool would send. */
  public static JsonNode output(String module, String function, Object input) {
    Evaluation evaluation = Modules.named(module).orElseThrow()
        .prepare(function, MAPPER.valueToTree(input));
    evaluation.run();
    return MAPPER.valueToTree(evaluation.output());
  }

  public static <T> T as(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }
}
