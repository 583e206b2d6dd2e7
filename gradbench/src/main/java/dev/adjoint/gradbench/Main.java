package dev.adjoint.gradbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The GradBench tool: {@code java -jar adjoint-gradbench.jar}, protocol on stdin/stdout. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws IOException {
    // Responses only on the real stdout; anything else printed goes to stderr.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    ObjectMapper mapper = new ObjectMapper();
    Protocol protocol = Protocol.standard(mapper, Warmup.fromSystemProperties());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    new Server(mapper, protocol, System.err).serve(in, out);
    out.flush();
  }
}
