// SPDX-License-Identifier: EPL-2.0
/** Legacy topic templates: the rule grammar, its parser and the immutable rules. */
package akenza.edge.topics.internal.template;
