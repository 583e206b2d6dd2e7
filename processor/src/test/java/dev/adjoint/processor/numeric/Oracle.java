package dev.adjoint.processor.numeric;

import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The function under test written a second time, with Hipparchus forward-mode {@link
 * DerivativeStructure}s: an exact reference for the value and first partials.
 */
@FunctionalInterface
public interface Oracle {
  DerivativeStructure apply(Dual d);
}
