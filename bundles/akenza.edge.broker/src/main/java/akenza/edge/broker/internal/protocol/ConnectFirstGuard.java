// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Closes a connection whose first byte is not a CONNECT fixed header (0x10). The codec would otherwise wait
 * for the whole of whatever packet length the garbage announces, holding the socket until the connect timeout.
 * Removes itself after the first byte.
 */
final class ConnectFirstGuard extends ChannelInboundHandlerAdapter {

    private static final int CONNECT_HEADER = 0x10;

    private final BrokerCore core;

    ConnectFirstGuard(BrokerCore core) {
        this.core = core;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf && buf.isReadable()) {
            if ((buf.getByte(buf.readerIndex()) & 0xFF) != CONNECT_HEADER) {
                ReferenceCountUtil.release(msg);
                core.metrics().refused("protocol_error");
                ctx.close();
                return;
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
