package dev.adjoint.processor.testing;

import java.lang.reflect.RecordComponent;

/** Reads a component of a generated record loaded by reflection (its class is not public). */
public final class RecordComponents {
  private RecordComponents() {}

  /** The {@code double} component {@code name} of {@code record}. */
  public static double doubleComponent(Object record, String name) throws Exception {
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      if (rc.getName().equals(name)) {
        rc.getAccessor().setAccessible(true);
        return (double) rc.getAccessor().invoke(record);
      }
    }
    throw new AssertionError("no component " + name + " in " + record);
  }
}
