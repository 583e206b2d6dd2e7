/**
 * Forward (tangent) mode: IR to IR, each derivative-carrying variable {@code v} getting a tangent
 * {@code vDot} computed beside it from the same rules table as reverse mode. It runs on a user's
 * lowered method (a JVP) and on the output of reverse mode (forward over reverse: the tangent of
 * a gradient, a Hessian-vector product).
 */
package dev.adjoint.processor.forward;
