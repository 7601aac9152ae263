/** jgrad: deep learning from scratch in Java. See the sub-packages. */
package jgrad;
