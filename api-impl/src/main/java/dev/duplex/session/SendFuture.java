package dev.duplex.session;

import dev.duplex.core.SendCallback;
import java.util.concurrent.CompletableFuture;

/** A send's completion as a {@link java.util.concurrent.Future}; completed by whichever thread finished the write. */
final class SendFuture extends CompletableFuture<Void> implements SendCallback {

    @Override
    public void completed() {
        complete(null);
    }

    @Override
    public void failed(Throwable failure) {
        completeExceptionally(failure);
    }
}
