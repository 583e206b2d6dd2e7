package dev.adjoint.gradbench.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Modules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Checks our outputs for a recorded exchange against what GradBench's C++ {@code manual} tool
 * (its hand-written derivatives, the eval's validator) answered for the same inputs, kept as
 * {@code dev/adjoint/gradbench/<eval>/manual-<id>-<function>.json}.
 */
public final class ManualToolOutputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManualToolOutputs() {
  }

  /** Every evaluate message of the eval's exchange that has a recorded manual answer. */
  public static int assertMatch(String eval) throws IOException {
    int checked = 0;
    try (var in = new BufferedReader(new InputStreamReader(
        resource("/exchanges/" + eval + ".jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode message = JSON.readTree(line);
        if (!message.path("kind").asText().equals("evaluate")) {
          continue;
        }
        String function = message.get("function").asText();
        String name = "/dev/adjoint/gradbench/" + eval + "/manual-" + message.get("id").asInt()
            + "-" + function + ".json";
        InputStream expected = ManualToolOutputs.class.getResourceAsStream(name);
        if (expected == null) {
          continue;
        }
        Evaluation e = Modules.named(eval).orElseThrow().prepare(function, message.get("input"));
        e.run();
        assertClose(JSON.readTree(expected), JSON.valueToTree(e.output()), name);
        checked++;
      }
    }
    assertTrue(checked > 0, "no manual outputs for " + eval);
    return checked;
  }

  private static InputStream resource(String name) {
    InputStream in = ManualToolOutputs.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing " + name);
    }
    return in;
  }

  /** Same shape, same keys, numbers within 1e-12 relative. */
  static void assertClose(JsonNode expected, JsonNode actual, String where) {
    if (expected.isNumber()) {
      assertTrue(actual.isNumber(), where + ": expected a number, got " + actual);
      double e = expected.asDouble();
      assertEquals(e, actual.asDouble(), 1e-12 * Math.max(1, Math.abs(e)), where);
    } else if (expected.isArray()) {
      assertTrue(actual.isArray(), where + ": expected an array, got " + actual);
      assertEquals(expected.size(), actual.size(), where + ": length");
      for (int i = 0; i < expected.size(); i++) {
        assertClose(expected.get(i), actual.get(i), where + "[" + i + "]");
      }
    } else if (expected.isObject()) {
      assertTrue(actual.isObject(), where + ": expected an object, got " + actual);
      assertEquals(expected.size(), actual.size(), where + ": keys " + actual);
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        assertTrue(actual.has(field.getKey()), where + ": missing " + field.getKey());
        assertClose(field.getValue(), actual.get(field.getKey()), where + "." + field.getKey());
      }
    } else {
      assertEquals(expected, actual, where);
    }
  }
}
