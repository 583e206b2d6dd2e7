package dev.adjoint.gradbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every recorded exchange ({@code src/test/resources/exchanges/<eval>.jsonl}) through
 * {@link Main#run} in memory and checks each response: its id and shape, and every output
 * against the hand-written references and, for gradients, against central finite differences
 * of the tool's own primal function. With {@code -Dadjoint.gradbench.responses=DIR} it checks
 * the responses {@code run-exchange.sh} recorded from the packaged jar instead
 * ({@code DIR/<eval>.jsonl}).
 */
class ExchangeTest {
  private static final Path EXCHANGES = Path.of("src/test/resources/exchanges");

  @TestFactory
  Stream<DynamicTest> everyExchange() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(EXCHANGES)) {
      list.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 6, "the exchanges of hello, llsq, lse, gmm, kmeans and det");
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
        () -> check(Files.readAllLines(f), responses(f))));
  }

  private static List<String> responses(Path exchange) throws IOException {
    String recorded = System.getProperty("adjoint.gradbench.responses");
    if (recorded != null && !recorded.isEmpty()) {
      return Files.readAllLines(Path.of(recorded).resolve(exchange.getFileName()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new ByteArrayInputStream(Files.readAllBytes(exchange)),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err, new Warmup(3, 0.1));
    return List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
  }

  private static void check(List<String> messages, List<String> responses) throws IOException {
    assertEquals(messages.size(), responses.size(), "one response per message");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = EvalRunner.MAPPER.readTree(messages.get(i));
      JsonNode response = EvalRunner.MAPPER.readTree(responses.get(i));
      String where = message.get("kind").asText() + " " + message.get("id");
      assertEquals(message.get("id"), response.get("id"), where);
      switch (message.get("kind").asText()) {
        case "start" -> assertEquals("adjoint", response.get("tool").asText(), where);
        case "define" -> assertTrue(response.get("success").asBoolean(), where);
        case "evaluate" -> checkEvaluate(message, response, where);
        default -> assertEquals(1, response.size(), where + ": only the id");
      }
    }
  }

  private static void checkEvaluate(JsonNode message, JsonNode response, String where) {
    assertTrue(response.get("success").asBoolean(), where + ": " + response);
    JsonNode input = message.get("input");
    JsonNode timings = response.get("timings");
    assertEquals(Runs.of(input).minRuns(), timings.size(), where + ": one timing per run");
    for (JsonNode timing : timings) {
      assertEquals("evaluate", timing.get("name").asText(), where);
      assertTrue(timing.get("nanoseconds").asLong() >= 0, where);
    }
    String module = message.get("module").asText();
    String function = message.get("function").asText();
    JsonNode output = response.get("output");
    ExpectedOutputs expected = ExpectedOutputs.of(module);
    if (expected == null) {
      return; // the module's own exchange test checks the numbers
    }
    assertClose(EvalRunner.MAPPER.valueToTree(expected.output(function, input)), output, 1e-10,
        where + " against the reference");
    String primal = expected.primalOf(function);
    if (primal != null) {
      JsonNode differences = finiteDifferences(module, primal, input, expected.independents());
      assertClose(differences, output, 1e-6, where + " against finite differences");
    }
  }

  /** Central differences of {@code primal} in each number of the independent fields. */
  private static JsonNode finiteDifferences(String module, String primal, JsonNode input,
      String[] fields) {
    if (fields.length == 0) {
      double x = input.asDouble();
      double h = 1e-6 * Math.max(1, Math.abs(x));
      return DoubleNode.valueOf((value(module, primal, DoubleNode.valueOf(x + h))
          - value(module, primal, DoubleNode.valueOf(x - h))) / (2 * h));
    }
    ObjectNode gradient = EvalRunner.MAPPER.createObjectNode();
    for (String field : fields) {
      gradient.set(field, differences(module, primal, input.deepCopy(), field));
    }
    return fields.length == 1 ? gradient.get(fields[0]) : gradient;
  }

  private static JsonNode differences(String module, String primal, ObjectNode input,
      String field) {
    JsonNode values = input.get(field);
    ArrayNode result = EvalRunner.MAPPER.createArrayNode();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).isArray()) {
        ArrayNode row = result.addArray();
        ArrayNode source = (ArrayNode) values.get(i);
        for (int j = 0; j < source.size(); j++) {
          row.add(difference(module, primal, input, source, j));
        }
      } else {
        result.add(difference(module, primal, input, (ArrayNode) values, i));
      }
    }
    return result;
  }

  private static double difference(String module, String primal, JsonNode input,
      ArrayNode array, int index) {
    double x = array.get(index).asDouble();
    double h = 1e-6 * Math.max(1, Math.abs(x));
    array.set(index, DoubleNode.valueOf(x + h));
    double up = value(module, primal, input);
    array.set(index, DoubleNode.valueOf(x - h));
    double down = value(module, primal, input);
    array.set(index, DoubleNode.valueOf(x));
    return (up - down) / (2 * h);
  }

  private static double value(String module, String function, JsonNode input) {
    Evaluation evaluation = Modules.named(module).orElseThrow().prepare(function, input);
    evaluation.run();
    return ((Number) evaluation.output()).doubleValue();
  }

  /** Same structure, and numbers within {@code relative} of max(1, |expected|). */
  static void assertClose(JsonNode expected, JsonNode actual, double relative, String where) {
    if (expected.isNumber()) {
      assertTrue(actual.isNumber(), where + ": a number, got " + actual);
      double e = expected.asDouble();
      assertEquals(e, actual.asDouble(), relative * Math.max(1, Math.abs(e)), where);
    } else if (expected.isArray()) {
      assertTrue(actual.isArray(), where + ": an array, got " + actual);
      assertEquals(expected.size(), actual.size(), where + ": length");
      for (int i = 0; i < expected.size(); i++) {
        assertClose(expected.get(i), actual.get(i), relative, where + "[" + i + "]");
      }
    } else {
      assertTrue(actual.isObject(), where + ": an object, got " + actual);
      assertEquals(expected.size(), actual.size(), where + ": fields " + actual.fieldNames());
      expected.fieldNames().forEachRemaining(name -> assertClose(expected.get(name),
          actual.get(name), relative, where + "." + name));
    }
  }
}
