package org.vosportal.service.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The body stream against a stand-in request whose events the test fires itself. */
class RequestBodyStreamTest {

    /** A request stand-in: records the handlers, counts pauses, and can refuse a late handler. */
    static final class FakeRequest {
        final AtomicReference<Handler<Buffer>> data = new AtomicReference<>();
        final AtomicReference<Handler<Void>> end = new AtomicReference<>();
        final AtomicInteger pauses = new AtomicInteger();
        final AtomicBoolean endedBehindOurBack = new AtomicBoolean();
        final HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(
                HttpServerRequest.class.getClassLoader(), new Class<?>[] {HttpServerRequest.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isEnded":
                            return false;
                        case "handler":
                            if (endedBehindOurBack.get()) {
                                throw new IllegalStateException("Request has already been read");
                            }
                            @SuppressWarnings("unchecked")
                            Handler<Buffer> h = (Handler<Buffer>) args[0];
                            data.set(h);
                            return proxy;
                        case "endHandler":
                            @SuppressWarnings("unchecked")
                            Handler<Void> e = (Handler<Void>) args[0];
                            end.set(e);
                            return proxy;
                        case "pause":
                            pauses.incrementAndGet();
                            return proxy;
                        default:
                            return method.getReturnType().isInstance(proxy) ? proxy : null;
                    }
                });
    }

    @Test
    void readsTheChunksInOrderAndPausesWhenTheReadAheadIsFull() throws Exception {
        FakeRequest fake = new FakeRequest();
        RequestBodyStream in = RequestBodyStream.of(fake.request);
        byte[] chunk = new byte[64 * 1024];
        int chunks = (int) (RequestBodyStream.READ_AHEAD / chunk.length) + 2;
        for (int i = 0; i < chunks; i++) {
            java.util.Arrays.fill(chunk, (byte) i);
            fake.data.get().handle(Buffer.buffer(chunk.clone()));
        }
        fake.end.get().handle(null);
        assertEquals(1, fake.pauses.get(), "paused once the read-ahead was full");
        byte[] all = in.readAllBytes();
        assertEquals(chunks * chunk.length, all.length);
        for (int i = 0; i < chunks; i++) {
            assertEquals((byte) i, all[i * chunk.length], "chunk " + i + " in its place");
        }
    }

    @Test
    void closingWhenTheBodyEndedMeanwhileDoesNotThrow() {
        FakeRequest fake = new FakeRequest();
        RequestBodyStream in = RequestBodyStream.of(fake.request);
        fake.data.get().handle(Buffer.buffer("unread"));
        fake.endedBehindOurBack.set(true); // Vert.x ended it before our end handler ran
        assertDoesNotThrow(in::close);
    }

    @Test
    void closingDropsWhatWasNotRead() throws Exception {
        FakeRequest fake = new FakeRequest();
        RequestBodyStream in = RequestBodyStream.of(fake.request);
        fake.data.get().handle(Buffer.buffer("abc"));
        in.close();
        fake.data.get().handle(Buffer.buffer("more")); // the rest arrives after the close
        assertEquals(-1, in.read(new byte[4], 0, 4), "nothing queued after a close");
    }
}
