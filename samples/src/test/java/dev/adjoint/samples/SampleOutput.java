package dev.adjoint.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the runner prints for one sample (or for {@code list}), captured from standard output. */
public final class SampleOutput {
  private SampleOutput() {}

  public static String of(String name) {
    PrintStream saved = System.out;
    var bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Samples.main(new String[] {name});
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
