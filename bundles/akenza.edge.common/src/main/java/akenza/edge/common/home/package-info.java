// SPDX-License-Identifier: EPL-2.0
/** Where akenza Edge keeps its files. Inlined into each bundle by bnd ({@code -conditionalpackage}); never exported. */
package akenza.edge.common.home;
