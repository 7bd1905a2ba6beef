// SPDX-License-Identifier: EPL-2.0
/** Kura Password attributes. Inlined into each bundle by bnd ({@code -conditionalpackage}); never exported. */
package akenza.edge.common.crypto;
