package dev.duplex.session;

import dev.duplex.core.SendCallback;
import dev.duplex.core.SerialExecutor;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A send's completion as a {@link java.util.concurrent.Future}; completed by whichever thread finished the write.
 *
 * <p>Waiting for it inside a callback that runs inline on the container's I/O thread (duplex.dispatch=inline) would
 * hang the connection: its write completes only on that thread. Such a wait, if the send is not done yet, fails
 * at once with an {@link ExecutionException} that says so; the message itself stays queued and goes out in order.
 */
final class SendFuture extends CompletableFuture<Void> implements SendCallback {

    @Override
    public void completed() {
        complete(null);
    }

    @Override
    public void failed(Throwable failure) {
        completeExceptionally(failure);
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
        refuseToHang();
        return super.get();
    }

    @Override
    public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseToHang();
        return super.get(timeout, unit);
    }

    private void refuseToHang() throws ExecutionException {
        if (!isDone() && SerialExecutor.inlineOnThisThread()) {
            throw new ExecutionException(new IOException("the send is queued but not written yet, and waiting for"
                    + " it here would hang the connection: this callback runs on the container's I/O thread"
                    + " (key duplex.dispatch=inline). Use a SendHandler, or duplex.dispatch=executor"));
        }
    }
}
