package dev.adjoint.processor.frontend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.diag.Message;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;
import org.junit.jupiter.api.Test;

/** A wrapped processing environment (as some IDEs use) gives one clear error, not a crash. */
class JavacTreesTest {

  @Test
  void wrappedEnvironmentIsAClearError() {
    ProcessingEnvironment wrapped = (ProcessingEnvironment) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
        (proxy, method, args) -> null);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> JavacTrees.of(wrapped));
    String message = Message.TREES_UNAVAILABLE.format(e.getMessage());
    assertTrue(message.startsWith("[adjoint.trees] Adjoint cannot read method bodies"), message);
    assertTrue(message.contains("Proxy"), message);
  }
}
