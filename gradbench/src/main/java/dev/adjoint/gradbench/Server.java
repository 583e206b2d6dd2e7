package dev.adjoint.gradbench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The JSON-lines loop: one response line per message line, flushed at once, until the end of
 * the input. Only responses go to {@code out}; notes about lines that are not messages go to
 * {@code log}.
 */
public final class Server {
  private final ObjectMapper mapper;
  private final Protocol protocol;
  private final PrintStream log;

  public Server(ObjectMapper mapper, Protocol protocol, PrintStream log) {
    this.mapper = mapper;
    this.protocol = protocol;
    this.log = log;
  }

  /** Serves until {@code in} ends; the number of messages answered. */
  public int serve(BufferedReader in, PrintStream out) throws IOException {
    int answered = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode response;
      try {
        response = protocol.respond(mapper.readTree(line));
      } catch (JsonProcessingException e) {
        log.println("adjoint: not a JSON message: " + e.getOriginalMessage());
        response = protocol.malformed(null, "not a JSON message: " + e.getOriginalMessage());
      }
      out.println(mapper.writeValueAsString(response));
      out.flush();
      answered++;
    }
    return answered;
  }
}
