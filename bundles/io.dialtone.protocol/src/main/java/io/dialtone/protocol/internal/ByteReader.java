package io.dialtone.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;

/**
 * Reads one buffer's bytes by absolute index the short way: straight from its backing array or native memory when
 * it has one, through {@link ByteBuf#getByte} only when it has neither (a composite, say).
 *
 * <p>The parsers read every byte of a control line; through {@code ByteBuf.getByte} each read of a pooled slice
 * checks the index, the reference count and walks to the root buffer, which was most of a 16-byte publish's
 * parsing time (async-profiler, pub-16B). The caller keeps indices within the buffer's readable bytes, as
 * {@code getByte} would have checked; {@link #reset} must follow any change of the buffer's capacity.
 *
 * <p>Not thread-safe; one per parser.
 */
public final class ByteReader {

    private ByteBuf buf;
    private byte[] array;
    private int arrayOffset;
    private long address;

    /**
     * Reads {@code b} from now on.
     *
     * @param b the buffer
     * @return this reader
     */
    public ByteReader reset(ByteBuf b) {
        buf = b;
        if (b.hasArray()) {
            array = b.array();
            arrayOffset = b.arrayOffset();
            address = 0;
        } else {
            array = null;
            address = b.hasMemoryAddress() ? b.memoryAddress() : 0;
        }
        return this;
    }

    /**
     * @param index an index within the buffer's readable bytes
     * @return the byte there
     */
    public byte get(int index) {
        byte[] a = array;
        if (a != null) {
            return a[arrayOffset + index];
        }
        long addr = address;
        if (addr != 0) {
            return PlatformDependent.getByte(addr + index);
        }
        return buf.getByte(index);
    }
}
