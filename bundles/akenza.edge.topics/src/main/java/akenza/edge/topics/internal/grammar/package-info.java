// SPDX-License-Identifier: EPL-2.0
/** Topic text primitives and the akenza grammar's refusal kinds: pure functions, no state. */
package akenza.edge.topics.internal.grammar;
