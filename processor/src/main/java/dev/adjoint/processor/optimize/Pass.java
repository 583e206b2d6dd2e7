package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Sweeps;

/** One rewrite of the optimizer over both sweeps; returns {@code body} itself if it did nothing. */
interface Pass {
  Sweeps apply(Sweeps body, Context context);
}
