/**
 * jgrad: deep learning from scratch in Java. See the sub-packages; this package holds only
 * {@link jgrad.Version}, which any package may use and which uses no other jgrad package.
 */
package jgrad;
