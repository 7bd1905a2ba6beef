// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Guards the first packet of a connection, before anything is authenticated. Closes a connection whose first
 * byte is not a CONNECT fixed header (0x10): the codec would otherwise wait for the whole of whatever packet
 * length the garbage announces, holding the socket until the connect timeout. Closes it too when the CONNECT's
 * remaining length is above {@code max.connect.size}, as soon as the length bytes arrive: an unauthenticated
 * client cannot make the broker buffer and parse a large packet. Removes itself once the length is known.
 */
final class ConnectFirstGuard extends ChannelInboundHandlerAdapter {

    private static final int CONNECT_HEADER = 0x10;

    private final BrokerCore core;
    /** Bytes of the fixed header seen so far (type byte, then up to four length bytes). */
    private int seen;
    private long remainingLength;
    private int shift;
    private boolean refused;

    ConnectFirstGuard(BrokerCore core) {
        this.core = core;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
                int b = buf.getByte(i) & 0xFF;
                if (seen == 0) {
                    if (b != CONNECT_HEADER) {
                        refuse(ctx, msg, "protocol_error");
                        return;
                    }
                } else {
                    remainingLength |= (long) (b & 0x7F) << shift;
                    shift += 7;
                    if ((b & 0x80) == 0 || seen == 4) {
                        if (remainingLength > core.settings().limits().maxConnectSize()) {
                            refuse(ctx, msg, "connect_too_large");
                            return;
                        }
                        ctx.pipeline().remove(this); // a malformed length is the decoder's to refuse
                        break;
                    }
                }
                seen++;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void refuse(ChannelHandlerContext ctx, Object msg, String reason) {
        refused = true;
        ReferenceCountUtil.release(msg);
        core.metrics().refused(reason);
        ctx.close();
    }
}
