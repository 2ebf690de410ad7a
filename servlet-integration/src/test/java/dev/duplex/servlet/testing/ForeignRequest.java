package dev.duplex.servlet.testing;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;

/**
 * A request of "another container", for the tests of container-specific upgraders: any call on it fails the test,
 * so an upgrader that declines it is seen to touch nothing. Threads: any.
 */
public final class ForeignRequest {

    private ForeignRequest() {
    }

    public static HttpServletRequest create() {
        return (HttpServletRequest) Proxy.newProxyInstance(ForeignRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    throw new AssertionError("the upgrader must not use a foreign request: " + method);
                });
    }
}
