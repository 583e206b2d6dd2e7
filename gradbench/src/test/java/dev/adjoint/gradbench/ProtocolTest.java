package dev.adjoint.gradbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProtocolTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A clock that advances {@code step} ns at every reading; counts the runs of "count". */
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger runs = new AtomicInteger();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private Protocol protocol(Warmup warmup, long step) {
    Module counting = (function, input) -> !function.equals("count") ? null
        : Evaluations.ofDouble(() -> runs.incrementAndGet());
    return new Protocol(MAPPER,
        name -> name.equals("counter") ? Optional.of(counting) : Modules.named(name), warmup,
        () -> now.addAndGet(step));
  }

  private List<JsonNode> serve(Protocol protocol, String... lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
    int answered = new Server(MAPPER, protocol, new PrintStream(log, true))
        .serve(new BufferedReader(new StringReader(String.join("\n", lines))), stream);
    List<JsonNode> responses = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        responses.add(MAPPER.readTree(line)); // stdout carries JSON lines only
      }
    }
    assertEquals(answered, responses.size());
    return responses;
  }

  private List<JsonNode> serve(String... lines) throws IOException {
    return serve(protocol(Warmup.NONE, 1), lines);
  }

  @Test
  void startNamesTheToolAndSaysItPrewarms() throws IOException {
    JsonNode start = serve(protocol(new Warmup(200, 1.5), 1),
        "{\"id\":0,\"kind\":\"start\",\"eval\":\"gmm\"}").get(0);
    assertEquals(0, start.get("id").asInt());
    assertEquals("adjoint", start.get("tool").asText());
    assertTrue(start.at("/config/warmup/prewarms").asBoolean());
    assertEquals(200, start.at("/config/warmup/max_runs").asInt());
    assertEquals(System.getProperty("java.version"), start.at("/config/java").asText());
  }

  @Test
  void defineKnownAndUnknownModules() throws IOException {
    List<JsonNode> responses = serve("{\"id\":1,\"kind\":\"define\",\"module\":\"gmm\"}",
        "{\"id\":2,\"kind\":\"define\",\"module\":\"nosuch\"}");
    assertTrue(responses.get(0).get("success").asBoolean());
    assertEquals(1, responses.get(0).get("id").asInt());
    assertFalse(responses.get(1).get("success").asBoolean());
    assertTrue(responses.get(1).get("error").asText().contains("nosuch"));
  }

  @Test
  void evaluateAnswersOutputAndTimings() throws IOException {
    JsonNode response = serve("{\"id\":1,\"kind\":\"define\",\"module\":\"hello\"}",
        "{\"id\":2,\"kind\":\"evaluate\",\"module\":\"hello\",\"function\":\"double\","
            + "\"input\":1.5,\"description\":\"x\"}").get(1);
    assertEquals(2, response.get("id").asInt());
    assertTrue(response.get("success").asBoolean());
    assertEquals(3.0, response.get("output").asDouble(), 0.0);
    assertEquals(1, response.get("timings").size()); // no min_runs: once
    assertEquals("evaluate", response.at("/timings/0/name").asText());
    assertTrue(response.at("/timings/0/nanoseconds").isIntegralNumber());
  }

  @Test
  void minRunsIsHonouredWithOneTimingPerRun() throws IOException {
    JsonNode response = serve("{\"id\":3,\"kind\":\"evaluate\",\"module\":\"counter\","
        + "\"function\":\"count\",\"input\":{\"min_runs\":7,\"min_seconds\":0}}").get(0);
    assertEquals(7, response.get("timings").size());
    assertEquals(7, runs.get());
    assertEquals(7.0, response.get("output").asDouble(), 0.0); // the last run's output
  }

  @Test
  void minSecondsIsHonouredWhenLonger() throws IOException {
    // Each run takes 0.5 ms on this clock (two readings 0.5 ms apart): 4.9 ms is 10 runs.
    JsonNode response = serve(protocol(Warmup.NONE, 500_000),
        "{\"id\":4,\"kind\":\"evaluate\",\"module\":\"counter\",\"function\":\"count\","
            + "\"input\":{\"min_runs\":2,\"min_seconds\":0.0049}}").get(0);
    assertEquals(10, response.get("timings").size());
    assertEquals(10, runs.get());
    for (JsonNode timing : response.get("timings")) {
      assertEquals(500_000, timing.get("nanoseconds").asLong());
    }
  }

  @Test
  void warmupRunsUntimedBeforeTheTimedRuns() throws IOException {
    JsonNode response = serve(protocol(new Warmup(5, 10), 1),
        "{\"id\":5,\"kind\":\"evaluate\",\"module\":\"counter\",\"function\":\"count\","
            + "\"input\":{\"min_runs\":3,\"min_seconds\":0}}").get(0);
    assertEquals(3, response.get("timings").size());
    assertEquals(8, runs.get());
  }

  @Test
  void warmupStopsAtItsTimeBudget() {
    AtomicLong clock = new AtomicLong();
    int done = new Warmup(1000, 1e-6).warm(Evaluations.ofDouble(() -> 0),
        () -> clock.addAndGet(100));
    assertEquals(10, done);
  }

  @Test
  void unknownFunctionUnknownModuleAndBadInputFailAndServingGoesOn() throws IOException {
    List<JsonNode> responses = serve(
        "{\"id\":1,\"kind\":\"evaluate\",\"module\":\"hello\",\"function\":\"cube\","
            + "\"input\":2}",
        "{\"id\":2,\"kind\":\"evaluate\",\"module\":\"nosuch\",\"function\":\"f\","
            + "\"input\":2}",
        "{\"id\":3,\"kind\":\"evaluate\",\"module\":\"lse\",\"function\":\"primal\","
            + "\"input\":{\"x\":\"many\"}}",
        "{\"id\":4,\"kind\":\"evaluate\",\"module\":\"gmm\",\"function\":\"objective\","
            + "\"input\":{\"d\":2}}",
        "{\"id\":5,\"kind\":\"evaluate\",\"module\":\"hello\",\"function\":\"square\"}",
        "{\"id\":6,\"kind\":\"evaluate\",\"module\":\"hello\",\"function\":\"square\","
            + "\"input\":2}");
    for (int i = 0; i < 5; i++) {
      assertEquals(i + 1, responses.get(i).get("id").asInt());
      assertFalse(responses.get(i).get("success").asBoolean(), responses.get(i).toString());
      assertFalse(responses.get(i).get("error").asText().isEmpty());
    }
    assertTrue(responses.get(0).get("error").asText().contains("cube"));
    assertEquals(4.0, responses.get(5).get("output").asDouble(), 0.0);
  }

  @Test
  void analysisAndOtherKindsAreAcknowledgedWithTheirIdOnly() throws IOException {
    List<JsonNode> responses = serve(
        "{\"id\":7,\"kind\":\"analysis\",\"of\":2,\"valid\":false,\"error\":\"no\"}",
        "{\"id\":8,\"kind\":\"future\"}");
    assertEquals("{\"id\":7}", responses.get(0).toString());
    assertEquals("{\"id\":8}", responses.get(1).toString());
  }

  @Test
  void malformedLinesGetAnErrorAndServingGoesOn() throws IOException {
    List<JsonNode> responses = serve("not json", "{\"kind\":\"start\"}", "[1, 2]",
        "{\"id\":9,\"kind\":\"start\"}");
    for (int i = 0; i < 3; i++) {
      assertTrue(responses.get(i).get("id").isNull());
      assertFalse(responses.get(i).get("success").asBoolean());
      assertTrue(responses.get(i).has("error"));
    }
    assertEquals("adjoint", responses.get(3).get("tool").asText());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("not a JSON message"));
  }

  @Test
  void mainServesUntilTheEndOfItsInputWritingOnlyResponses() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String in = "{\"id\":0,\"kind\":\"start\"}\n\n{\"id\":1,\"kind\":\"define\",\"module\":"
        + "\"lse\"}\n{\"id\":2,\"kind\":\"evaluate\",\"module\":\"lse\",\"function\":"
        + "\"gradient\",\"input\":{\"x\":[0,0],\"min_runs\":2,\"min_seconds\":0}}\n";
    int answered = Main.run(new java.io.ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(log, true),
        Warmup.NONE);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, answered);
    assertEquals(3, lines.length);
    JsonNode last = MAPPER.readTree(lines[2]);
    assertEquals("[0.5,0.5]", last.get("output").toString());
    assertEquals(2, last.get("timings").size());
  }

  @Test
  void runsWithoutTheFieldsIsOnce() {
    assertEquals(Runs.ONCE, Runs.of(MAPPER.valueToTree(3.0)));
    assertEquals(new Runs(4, 0.5), Runs.of(MAPPER.createObjectNode().put("min_runs", 4)
        .put("min_seconds", 0.5)));
  }
}
