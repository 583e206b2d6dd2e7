package dev.adjoint.processor;

import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.MethodPlan;
import dev.adjoint.processor.emit.RecordStorageClass;
import dev.adjoint.processor.emit.checks.GeneratedNames;
import dev.adjoint.processor.ir.RecordShape;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * Writes the adjoint storage class of each record type a pullback takes ({@code MlpBar}), once
 * per compilation however many classes and rounds use it. One that exists already is reused
 * if Adjoint generated it (an earlier build's, on the class path); a class of yours with that
 * name is an {@code [adjoint.generated-name]} error at the method.
 */
final class RecordStorageWriter {
  private final ProcessingEnvironment env;
  private final Set<String> written = new HashSet<>();

  RecordStorageWriter(ProcessingEnvironment env) {
    this.env = env;
  }

  /** Writes the storage {@code plan}'s pullback needs; false after reporting a clash. */
  boolean write(MethodPlan plan, Diagnostics diagnostics) {
    boolean ok = true;
    for (MethodPlan.Parameter p : plan.wrtParameters()) {
      if (p.record() == null) {
        continue;
      }
      for (RecordShape shape : RecordStorageClass.storageNeeded(p.record())) {
        String name = RecordStorageClass.name(shape.type()).canonicalName();
        if (written.contains(name)) {
          continue;
        }
        TypeElement existing = env.getElementUtils().getTypeElement(name);
        if (existing != null && !GeneratedNames.generatedByAdjoint(existing)) {
          diagnostics.error(plan.element(), Message.GENERATED_NAME_TAKEN,
              "record " + shape.type().canonical(), name, existing.getQualifiedName());
          ok = false;
          continue;
        }
        written.add(name);
        if (existing != null) {
          continue;
        }
        try {
          new RecordStorageClass(env.getElementUtils()).generate(shape)
              .writeTo(env.getFiler());
        } catch (IOException e) {
          diagnostics.error(plan.element(), Message.INTERNAL, name, e);
        }
      }
    }
    return ok;
  }
}
