package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.ClassRef;

/**
 * A user-declared derivative ({@code @DerivativeOf}): calls of {@code owner.name} with {@code
 * arity} arguments are differentiated by {@code pullbackOwner.pullbackName}, which follows the
 * kernels' convention {@code (args, result, resultBar, arrayBars)}.
 *
 * @param pullbackOwner the pullback's class
 * @param pullbackPublic whether code of any package can call the pullback: it and every class
 *     around it are public
 * @param pullbackPackage the package of the pullback's class, whose code can call it; null if
 *     a class around it is private (only its top-level class can)
 */
public record CallRule(String owner, String name, int arity, ClassRef pullbackOwner,
    String pullbackName, boolean pullbackPublic, String pullbackPackage) {}
