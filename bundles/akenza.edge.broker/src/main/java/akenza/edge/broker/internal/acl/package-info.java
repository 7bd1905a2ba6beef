// SPDX-License-Identifier: EPL-2.0
/** The broker's own access rules for anonymous clients and local applications: parsing and topic matching. */
package akenza.edge.broker.internal.acl;
