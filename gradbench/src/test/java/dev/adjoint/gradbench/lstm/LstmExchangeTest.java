package dev.adjoint.gradbench.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Modules;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The recorded exchange's inputs, served by the registered module, against the reference. */
class LstmExchangeTest {
  @Test
  void recordedJacobianMatchesTheReference() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (var in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/exchanges/lstm.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode message = json.readTree(line);
        if (!message.path("function").asText().equals("jacobian")) {
          continue;
        }
        JsonNode input = message.get("input");
        Evaluation e = Modules.named("lstm").orElseThrow().prepare("jacobian", input);
        e.run();
        LstmModule.Input read = LstmModule.read(input);
        assertArrayEquals(LstmReference.gradient(read.mainParams(), read.extraParams(),
            read.state(), read.sequence()), (double[]) e.output(), 1e-13);
      }
    }
  }
}
