// SPDX-License-Identifier: EPL-2.0
/** TLS material for the broker's TLS listener: PEM loading, the self-signed fallback, Netty SSL contexts. */
package akenza.edge.broker.internal.tls;
