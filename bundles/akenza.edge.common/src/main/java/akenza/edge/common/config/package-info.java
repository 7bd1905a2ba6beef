// SPDX-License-Identifier: EPL-2.0
/**
 * Reading component configurations the one akenza Edge way: a bad value takes its property's default, is logged
 * and makes the component's status DEGRADED. Inlined into each bundle by bnd ({@code -conditionalpackage}); never
 * exported.
 */
package akenza.edge.common.config;
