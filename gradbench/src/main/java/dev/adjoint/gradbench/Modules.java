package dev.adjoint.gradbench;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The modules this tool implements, by the name GradBench's {@code define} message uses. */
public final class Modules {
  private static final Map<String, Supplier<Module>> MODULES = new TreeMap<>();

  static {
    // One line per module, in alphabetical order:
    MODULES.put("ba", dev.adjoint.gradbench.ba.BaModule::new);
    MODULES.put("det", dev.adjoint.gradbench.det.DetModule::new);
    MODULES.put("gmm", dev.adjoint.gradbench.gmm.GmmModule::new);
    MODULES.put("hello", dev.adjoint.gradbench.hello.HelloModule::new);
    MODULES.put("ht", dev.adjoint.gradbench.ht.HtModule::new);
    MODULES.put("kmeans", dev.adjoint.gradbench.kmeans.KMeansModule::new);
    MODULES.put("llsq", dev.adjoint.gradbench.llsq.LlsqModule::new);
    MODULES.put("lse", dev.adjoint.gradbench.lse.LseModule::new);
    MODULES.put("lstm", dev.adjoint.gradbench.lstm.LstmModule::new);
    MODULES.put("ode", dev.adjoint.gradbench.ode.OdeModule::new);
  }

  private Modules() {
  }

  public static Optional<Module> named(String name) {
    Supplier<Module> module = MODULES.get(name);
    return module == null ? Optional.empty() : Optional.of(module.get());
  }

  public static java.util.Set<String> names() {
    return MODULES.keySet();
  }
}
