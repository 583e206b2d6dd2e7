package dev.adjoint.gradbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * GradBench's protocol, one message at a time: the response to each message (CONTRIBUTING.md,
 * "Protocol"). {@code define} and {@code evaluate} get substantive answers; every other kind
 * only its {@code id}. Failures are answers too ({@code success: false} and an {@code error}),
 * never exceptions, so the tool keeps serving.
 */
public final class Protocol {
  static final String TOOL = "adjoint";

  private final ObjectMapper mapper;
  private final Function<String, Optional<Module>> registry;
  private final Map<String, Module> defined = new HashMap<>();
  private final Warmup warmup;
  private final LongSupplier clock;
  private final Timer timer;

  public Protocol(ObjectMapper mapper, Function<String, Optional<Module>> registry,
      Warmup warmup, LongSupplier clock) {
    this.mapper = mapper;
    this.registry = registry;
    this.warmup = warmup;
    this.clock = clock;
    this.timer = new Timer(clock);
  }

  /** The tool as {@code Main} runs it: every module of {@link Modules}, the system clock. */
  public static Protocol standard(ObjectMapper mapper, Warmup warmup) {
    return new Protocol(mapper, Modules::named, warmup, System::nanoTime);
  }

  /** The response to one message (an object; anything else is malformed). */
  public ObjectNode respond(JsonNode message) {
    if (!message.isObject() || !message.hasNonNull("id")) {
      return malformed(message.get("id"), "a message is an object with an id");
    }
    JsonNode id = message.get("id");
    String kind = message.path("kind").asText("");
    try {
      switch (kind) {
        case "start":
          return start(id);
        case "define":
          return define(id, message);
        case "evaluate":
          return evaluate(id, message);
        default:
          // analysis, and any kind this version of the protocol does not know
          return response(id);
      }
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return failure(id, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The answer to a line that is not a message: an error, with its id if it had one. */
  public ObjectNode malformed(JsonNode id, String error) {
    ObjectNode response = response(id == null ? NullNode.getInstance() : id);
    response.put("success", false);
    response.put("error", error);
    return response;
  }

  private ObjectNode start(JsonNode id) {
    ObjectNode response = response(id);
    response.put("tool", TOOL);
    ObjectNode config = response.putObject("config");
    config.put("java", System.getProperty("java.version"));
    config.put("vm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    ObjectNode warm = config.putObject("warmup");
    warm.put("prewarms", warmup.runs() > 0);
    warm.put("max_runs", warmup.runs());
    warm.put("max_seconds", warmup.seconds());
    warm.put("note", "each evaluate runs its function untimed first, so HotSpot has compiled it");
    config.putPOJO("modules", Modules.names());
    return response;
  }

  private ObjectNode define(JsonNode id, JsonNode message) {
    String name = message.path("module").asText("");
    Optional<Module> module = registry.apply(name);
    if (module.isEmpty()) {
      return failure(id, "no module named '" + name + "' in " + TOOL);
    }
    defined.put(name, module.get());
    ObjectNode response = response(id);
    response.put("success", true);
    return response;
  }

  private ObjectNode evaluate(JsonNode id, JsonNode message) {
    String name = message.path("module").asText("");
    String function = message.path("function").asText("");
    Module module = defined.get(name);
    if (module == null) {
      Optional<Module> found = registry.apply(name);
      if (found.isEmpty()) {
        return failure(id, "no module named '" + name + "' in " + TOOL);
      }
      module = found.get();
      defined.put(name, module);
    }
    JsonNode input = message.get("input");
    if (input == null) {
      return failure(id, "evaluate has no input");
    }
    Runs runs = Runs.of(input);
    Evaluation evaluation;
    try {
      evaluation = module.prepare(function, input);
    } catch (IllegalArgumentException e) {
      return failure(id, "bad input for " + name + "." + function + ": " + e.getMessage());
    }
    if (evaluation == null) {
      return failure(id, "module " + name + " has no function '" + function + "'");
    }
    warmup.warm(evaluation, clock);
    long[] timings = timer.time(evaluation, runs);
    ObjectNode response = response(id);
    response.put("success", true);
    response.set("output", mapper.valueToTree(evaluation.output()));
    ArrayNode list = response.putArray("timings");
    for (long nanoseconds : timings) {
      list.addObject().put("name", "evaluate").put("nanoseconds", nanoseconds);
    }
    return response;
  }

  private ObjectNode failure(JsonNode id, String error) {
    ObjectNode response = response(id);
    response.put("success", false);
    response.put("error", error);
    return response;
  }

  private ObjectNode response(JsonNode id) {
    ObjectNode response = mapper.createObjectNode();
    response.set("id", id);
    return response;
  }
}
