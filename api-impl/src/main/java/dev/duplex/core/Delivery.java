package dev.duplex.core;

import java.nio.ByteBuffer;

/**
 * Hands what the {@link MessageAssembler} assembled to the application: whole messages and parts through
 * {@link InboundFlow#dispatch} (counted for inbound back-pressure), streams through its pipe. Messages assembled
 * before {@code onOpen} returned are checked, when their turn comes, against the limits {@code onOpen} may have
 * lowered meanwhile.
 *
 * <p>Threads: called on the connection's reading thread; the tasks run on its dispatcher.
 */
final class Delivery implements MessageAssembler.Output {

    private final Connection connection;
    private final ConnectionHandler handler;
    private final InboundFlow inbound;

    Delivery(Connection connection, ConnectionHandler handler, InboundFlow inbound) {
        this.connection = connection;
        this.handler = handler;
        this.inbound = inbound;
    }

    @Override
    public void text(String text, boolean last, InboundMode mode) {
        if (mode == InboundMode.WHOLE && !connection.opened()) {
            inbound.dispatch(text.length(), () -> {
                int bytes = utf8Length(text);
                long limit = connection.maxTextMessage();
                if (bytes > limit) {
                    connection.failTooBig("Text message of " + bytes + " bytes exceeds the limit of " + limit
                            + " bytes");
                } else {
                    handler.onText(text);
                }
            });
        } else if (mode == InboundMode.WHOLE) {
            inbound.dispatch(text.length(), () -> handler.onText(text));
        } else {
            inbound.dispatch(text.length(), () -> handler.onTextPart(text, last));
        }
    }

    @Override
    public void binary(ByteBuffer data, boolean last, InboundMode mode) {
        if (mode == InboundMode.WHOLE && !connection.opened()) {
            inbound.dispatch(data.remaining(), () -> {
                long limit = connection.maxBinaryMessage();
                if (data.remaining() > limit) {
                    connection.failTooBig("Binary message of " + data.remaining() + " bytes exceeds the limit of "
                            + limit + " bytes");
                } else {
                    handler.onBinary(data);
                }
            });
        } else if (mode == InboundMode.WHOLE) {
            inbound.dispatch(data.remaining(), () -> handler.onBinary(data));
        } else {
            inbound.dispatch(data.remaining(), () -> handler.onBinaryPart(data, last));
        }
    }

    @Override
    public void streamStart(boolean text) {
        inbound.streamStart(pipe -> {
            if (text) {
                handler.onTextStream(pipe.reader());
            } else {
                handler.onBinaryStream(pipe.inputStream());
            }
        });
    }

    @Override
    public void streamChunk(byte[] chunk) {
        inbound.streamChunk(chunk);
    }

    @Override
    public void streamEnd() {
        inbound.streamEnd();
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4; // with the low surrogate that follows
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
