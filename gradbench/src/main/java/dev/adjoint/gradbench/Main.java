package dev.adjoint.gradbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
    run(System.in, out, System.err, Warmup.fromSystemProperties());
  }

  /** Serves the messages of {@code in} until it ends: what {@link #main} does, in memory too. */
  public static int run(InputStream in, PrintStream out, PrintStream log, Warmup warmup)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Protocol protocol = Protocol.standard(mapper, warmup);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int answered = new Server(mapper, protocol, log).serve(reader, out);
    out.flush();
    return answered;
  }
}
