package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of a reverse-mode adjoint as its two parts: the forward sweep (the primal, recording
 * what the backward sweep needs) and the backward sweep (adjoints, in reverse). The optimizer
 * rewrites them apart, and the emitter writes each under its own heading.
 */
public record Sweeps(List<Stmt> forward, List<Stmt> backward) {
  public Sweeps {
    forward = List.copyOf(forward);
    backward = List.copyOf(backward);
  }

  /** Both sweeps in order, as one body. */
  public List<Stmt> all() {
    List<Stmt> out = new ArrayList<>(forward.size() + backward.size());
    out.addAll(forward);
    out.addAll(backward);
    return out;
  }
}
