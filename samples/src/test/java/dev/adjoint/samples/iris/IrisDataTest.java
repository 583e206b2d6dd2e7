package dev.adjoint.samples.iris;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IrisDataTest {

  private final IrisData data = IrisData.load();

  @Test
  void loadsAll150FlowersWithFourMeasurementsAnd50PerSpecies() {
    assertEquals(150, data.size());
    assertEquals(150, data.features().length);
    for (double[] row : data.features()) {
      assertEquals(IrisData.FEATURES, row.length);
      for (double v : row) {
        // Measurements in cm, each between 0.1 (petal width) and 7.9 (sepal length).
        assertTrue(v >= 0.1 && v <= 7.9, () -> "measurement " + v);
      }
    }
    assertArrayEquals(new int[] {50, 50, 50}, data.classCounts());
    assertEquals(List.of("setosa", "versicolor", "virginica"), IrisData.SPECIES);
  }

  @Test
  void rowsAreInFileOrder() {
    // The first and last lines of iris.csv.
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, data.features()[0]);
    assertEquals(0, data.labels()[0]);
    assertArrayEquals(new double[] {5.9, 3.0, 5.1, 1.8}, data.features()[149]);
    assertEquals(2, data.labels()[149]);
  }

  @Test
  void splitIsASeededPartition() {
    IrisData.Split split = data.split(120, 7);
    assertEquals(120, split.train().size());
    assertEquals(30, split.test().size());
    // Together the two parts hold exactly the 150 examples (as a multiset: a few rows repeat).
    List<String> parts = new ArrayList<>(rows(split.train()));
    parts.addAll(rows(split.test()));
    List<String> all = rows(data);
    Collections.sort(parts);
    Collections.sort(all);
    assertEquals(all, parts);

    IrisData.Split again = data.split(120, 7);
    assertEquals(rows(split.test()), rows(again.test()));
    assertNotEquals(rows(split.test()), rows(data.split(120, 8).test()));
  }

  @Test
  void standardizedTrainingFeaturesHaveMeanZeroAndStdOne() {
    IrisData train = data.split(120, 7).train();
    IrisData standardized = IrisData.Standardizer.of(train).apply(train);
    IrisData.Standardizer after = IrisData.Standardizer.of(standardized);
    for (int j = 0; j < IrisData.FEATURES; j++) {
      assertEquals(0, after.mean()[j], 1e-12);
      assertEquals(1, after.std()[j], 1e-12);
    }
    assertArrayEquals(train.labels(), standardized.labels());
  }

  private static List<String> rows(IrisData d) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      rows.add(Arrays.toString(d.features()[i]) + " " + d.labels()[i]);
    }
    return rows;
  }
}
