// SPDX-License-Identifier: EPL-2.0
/**
 * Logging of client-supplied text: {@link akenza.edge.api.log.LogText} is the one function every bundle
 * passes client ids, user names, topics, will topics and filters through before they reach a log line or an
 * exception message.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package akenza.edge.api.log;
