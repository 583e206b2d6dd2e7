package dev.adjoint.samples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void defaultsAreTheDocumentedJob() {
    SparkTraining.Options o = SparkTraining.Options.parse();
    assertEquals("logistic", o.model());
    assertEquals(1_000_000, o.rows());
    assertEquals(50, o.features());
    assertEquals("lbfgs", o.optimizer());
    assertNull(o.master());
  }

  @Test
  void optionsAreRead() {
    SparkTraining.Options o =
        SparkTraining.Options.parse("iris", "--master", "local[1]", "--rows", "77", "--steps", "3");
    assertEquals("iris", o.model());
    assertEquals("local[1]", o.master());
    assertEquals(77, o.rows());
    assertEquals(3, o.steps());
  }

  @Test
  void mistakesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SparkTraining.Options.parse("--rowz", "5"));
    assertThrows(IllegalArgumentException.class, () -> SparkTraining.Options.parse("svm"));
    assertThrows(IllegalArgumentException.class, () -> SparkTraining.Options.parse("--rows"));
    assertThrows(
        IllegalArgumentException.class, () -> SparkTraining.Options.parse("--optimizer", "adam"));
    assertNull(SparkTraining.Options.parse("--help"));
  }

  @Test
  void chunksCoverTheRows() {
    Chunks chunks = Chunks.of(2_500, 1_000);
    assertEquals(3, chunks.count());
    assertEquals(1_000, chunks.rowsOf(1));
    assertEquals(500, chunks.rowsOf(2));
  }
}
