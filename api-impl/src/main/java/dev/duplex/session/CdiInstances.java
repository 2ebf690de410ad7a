package dev.duplex.session;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Creates endpoint instances through CDI when the application runs a CDI container (Weld, OpenWebBeans), so that an
 * endpoint may {@code @Inject} beans and have its {@code @PostConstruct} called; {@link DefaultServerConfigurator}
 * falls back to the public no-argument constructor when this answers {@code null}.
 *
 * <p>Duplex has no compile or run-time dependency on CDI: the API is looked up by reflection through the endpoint
 * class's own class loader, so an application that ships CDI gets it and one that does not pays one failed class
 * lookup per endpoint class. Each instance is a non-contextual instance made by
 * {@code jakarta.enterprise.inject.spi.Unmanaged} (CDI 1.1+), that is
 * {@code BeanManager.getInjectionTargetFactory(annotatedType).createInjectionTarget(null)} followed by
 * {@code produce}, {@code inject} and {@code postConstruct} on the bean manager of {@code CDI.current()}. The
 * endpoint class needs no bean-defining annotation; a new instance is made for every connection whatever its scope
 * annotation says. {@code @PreDestroy} is not called: the configurator API has no hook for a session's end.
 *
 * <p>The reflective lookup is cached per endpoint class in a {@link ClassValue}, which is per class loader in
 * effect and, unlike a map keyed by the loader, never keeps a stopped web application's loader alive. The bean
 * manager itself is asked for on every call, so a restarted CDI container is seen.
 *
 * <p>Threads: called on the handshake's thread; stateless apart from the cache; never blocks beyond what the CDI
 * container does to create the instance.
 */
public final class CdiInstances {

    private static final ClassValue<Optional<Api>> API = new ClassValue<>() {
        @Override
        protected Optional<Api> computeValue(Class<?> endpointClass) {
            return Optional.ofNullable(Api.find(endpointClass.getClassLoader()));
        }
    };

    private CdiInstances() {
    }

    /**
     * A new instance of {@code endpointClass} with its injection points filled, or {@code null} when the CDI API is
     * not visible to the class or no CDI container is running ({@code CDI.current()} throws
     * {@link IllegalStateException}).
     *
     * @throws InstantiationException if CDI is running but cannot create the instance (an unsatisfied injection
     *         point, a constructor or {@code @PostConstruct} that threw)
     */
    public static <T> T create(Class<T> endpointClass) throws InstantiationException {
        Api api = API.get(endpointClass).orElse(null);
        if (api == null) {
            return null;
        }
        Object beanManager;
        try {
            beanManager = api.getBeanManager.invoke(api.current.invoke(null));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalStateException) {
                return null; // the CDI API is on the class path, but no container runs: plain construction
            }
            throw failure(endpointClass, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw failure(endpointClass, e);
        }
        try {
            Object instance = api.newInstance.invoke(api.unmanaged.newInstance(beanManager, endpointClass));
            api.produce.invoke(instance);
            api.inject.invoke(instance);
            api.postConstruct.invoke(instance);
            return endpointClass.cast(api.get.invoke(instance));
        } catch (InvocationTargetException e) {
            throw failure(endpointClass, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw failure(endpointClass, e);
        }
    }

    private static InstantiationException failure(Class<?> endpointClass, Throwable cause) {
        InstantiationException e = new InstantiationException("CDI could not create " + endpointClass.getName()
                + ": " + cause);
        e.initCause(cause);
        return e;
    }

    /** The members of {@code CDI}, {@code Unmanaged} and {@code Unmanaged.UnmanagedInstance} that we call. */
    private record Api(Method current, Method getBeanManager, Constructor<?> unmanaged, Method newInstance,
            Method produce, Method inject, Method postConstruct, Method get) {

        /** The API as {@code loader} sees it, or {@code null} when it does not see CDI. */
        static Api find(ClassLoader loader) {
            try {
                Class<?> cdi = Class.forName("jakarta.enterprise.inject.spi.CDI", false, loader);
                Class<?> beanManager = Class.forName("jakarta.enterprise.inject.spi.BeanManager", false, loader);
                Class<?> unmanaged = Class.forName("jakarta.enterprise.inject.spi.Unmanaged", false, loader);
                Class<?> instance = Class.forName("jakarta.enterprise.inject.spi.Unmanaged$UnmanagedInstance",
                        false, loader);
                return new Api(cdi.getMethod("current"), cdi.getMethod("getBeanManager"),
                        unmanaged.getConstructor(beanManager, Class.class), unmanaged.getMethod("newInstance"),
                        instance.getMethod("produce"), instance.getMethod("inject"),
                        instance.getMethod("postConstruct"), instance.getMethod("get"));
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                return null;
            }
        }
    }
}
