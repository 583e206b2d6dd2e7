package dev.adjoint.processor.frontend;

import com.sun.source.tree.MethodInvocationTree;
import javax.lang.model.element.ExecutableElement;

/**
 * A call of an unannotated static {@code double} method whose source is in this compilation:
 * Adjoint differentiates {@code helper} as if it were {@code @Differentiable}, so its adjoint
 * must be generated too, and an error in it is reported at {@code call} as well.
 */
public record HelperCall(ExecutableElement helper, MethodInvocationTree call) {}
